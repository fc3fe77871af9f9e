"""Operations on clinics: RSVP with capacity and waitlist, cancelling, promoting the next person; and the
liaisons' operations on a whole clinic (publish, reschedule, cancel, duplicate, mark held), telling registrants."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import emails, queries, scheduling
from .models import Clinic, ClinicSharer, Feedback, Registration


def _lock(clinic):
    """Serialise every change to one clinic's registrations (capacity and waitlist order)."""
    return Clinic.objects.select_for_update().get(pk=clinic.pk)


@transaction.atomic
def register(*, participant, clinic, interpretation_language=""):
    """RSVP: a place if one is free, else the waitlist. Registering twice changes nothing."""
    clinic = _lock(clinic)
    if clinic.status == Clinic.Status.CANCELLED:
        raise ValidationError(_("This clinic has been cancelled."), code="cancelled")
    if not clinic.is_open_for_registration:
        raise ValidationError(_("Registration for this clinic is closed."), code="closed")
    if interpretation_language and interpretation_language not in clinic.interpretation_languages:
        raise ValidationError(_("Interpretation into this language is not offered."), code="interpretation")
    registration = Registration.objects.filter(clinic=clinic, participant=participant).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return registration
    full = clinic.capacity is not None and clinic.registrations.confirmed().count() >= clinic.capacity
    status = Registration.Status.WAITLISTED if full else Registration.Status.REGISTERED
    if registration is None:
        registration = Registration(clinic=clinic, participant=participant)
    registration.status = status
    registration.interpretation_language = interpretation_language
    registration.created_at = timezone.now()
    registration.save()
    emails.write_registration_email(registration, event=status)
    return registration


@transaction.atomic
def cancel(*, registration):
    """Give the place back; the first person on the waitlist gets it and is told."""
    clinic = _lock(registration.clinic)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    was_registered = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if was_registered and clinic.is_open_for_registration:
        return promote_next(clinic=clinic)
    return None


def promote_next(*, clinic):
    """Fill free places from the waitlist, first come first served (call inside the clinic's lock)."""
    promoted = None
    while clinic.capacity is None or clinic.registrations.confirmed().count() < clinic.capacity:
        candidate = clinic.registrations.waitlisted().first()
        if candidate is None:
            break
        candidate.status = Registration.Status.REGISTERED
        candidate.save(update_fields=["status", "updated_at"])
        emails.write_registration_email(candidate, event="promoted")
        promoted = candidate
    return promoted


def _notify(clinic, event):
    """Tell each person the change concerns, once (queries.people_to_tell), after the commit."""
    registration_ids, sharer_ids = queries.people_to_tell(clinic)
    emails.write_clinic_notices(clinic, event=event, registration_ids=registration_ids, sharer_ids=sharer_ids)


@transaction.atomic
def publish(*, clinic):
    """A draft becomes visible and open for registration. Returns whether anything changed."""
    clinic = _lock(clinic)
    if clinic.status != Clinic.Status.DRAFT:
        return False
    clinic.status = Clinic.Status.SCHEDULED
    clinic.save(update_fields=["status", "updated_at"])
    return True


def can_cancel_clinic(clinic):
    """Only a clinic still to come (a draft, or scheduled and not ended) can be cancelled."""
    return clinic.status in (Clinic.Status.DRAFT, Clinic.Status.SCHEDULED) and clinic.end > timezone.now()


@transaction.atomic
def cancel_clinic(*, clinic):
    """Cancel a clinic still to come; everyone registered or waiting, and its sharers, are told once; calendars drop
    it. Returns whether anything changed."""
    clinic = _lock(clinic)
    if not can_cancel_clinic(clinic):
        return False
    clinic.status = Clinic.Status.CANCELLED
    clinic.sequence += 1
    clinic.save(update_fields=["status", "sequence", "updated_at"])
    _notify(clinic, "cancelled")
    return True


@transaction.atomic
def mark_held(*, clinic):
    """A scheduled clinic that has started took place. Returns whether anything changed."""
    clinic = _lock(clinic)
    if clinic.status != Clinic.Status.SCHEDULED or clinic.start > timezone.now():
        return False
    clinic.status = Clinic.Status.HELD
    clinic.save(update_fields=["status", "updated_at"])
    return True


def schedule_changed(*, clinic, previous_start, previous_duration, previous_status, retitled=False):
    """Called after a liaison saved a clinic: bump the calendar sequence and tell people what changed.

    Call inside the transaction that saved the clinic; the emails go out after it commits."""
    moved = (clinic.start, clinic.duration) != (previous_start, previous_duration)
    status_changed = clinic.status != previous_status
    if not (moved or status_changed or retitled):
        return
    # While it is scheduled, a moved clinic's page shows the start it had before its last move; a clinic that is no
    # longer scheduled keeps none.
    previous = {"previous_start": previous_start} if moved and clinic.status == Clinic.Status.SCHEDULED else {}
    if clinic.status != Clinic.Status.SCHEDULED:
        previous = {"previous_start": None}
    Clinic.objects.filter(pk=clinic.pk).update(sequence=models.F("sequence") + 1, **previous)
    clinic.refresh_from_db(fields=["sequence", "previous_start"])
    if clinic.status == Clinic.Status.CANCELLED and previous_status != Clinic.Status.CANCELLED:
        _notify(clinic, "cancelled")
    elif moved and clinic.status == Clinic.Status.SCHEDULED and clinic.end > timezone.now():
        _notify(clinic, "moved")


COPIED_FIELDS_EXCLUDED = {
    "id",
    "slug",
    "start",
    "previous_start",
    "status",
    "sequence",
    "updated_at",
    "recording_url",
    "notes_url",
}


@transaction.atomic
def duplicate(*, clinic, start):
    """A new draft like `clinic` (texts, skills, liaisons, sharers) at `start`, without its registrations."""
    copy = Clinic(
        **{
            field.attname: getattr(clinic, field.attname)
            for field in Clinic._meta.concrete_fields
            if field.attname not in COPIED_FIELDS_EXCLUDED
        },
        start=start,
        status=Clinic.Status.DRAFT,
    )
    if copy.planned_time_zone not in scheduling.time_zone_names():
        copy.planned_time_zone = "UTC"  # saved before zones were checked; the copy's start was read in UTC
    copy.save()
    copy.skills.set(clinic.skills.all())
    copy.liaisons.set(clinic.liaisons.all())
    ClinicSharer.objects.bulk_create(
        ClinicSharer(
            clinic=copy,
            participant_id=sharer.participant_id,
            name=sharer.name,
            email=sharer.email,
            affiliation=sharer.affiliation,
            foundation_staff=sharer.foundation_staff,
            department=sharer.department,
            position=sharer.position,
        )
        for sharer in clinic.sharers.filter(anonymous=False)
    )
    return copy


@transaction.atomic
def give_feedback(*, clinic, participant, rating, learned="", will_apply=""):
    """Record (or replace) a participant's feedback on a clinic they attended or registered for."""
    if not can_give_feedback(clinic=clinic, participant=participant):
        raise ValidationError(_("Feedback is open to the people who attended, once the clinic has started."))
    feedback, _created = Feedback.objects.update_or_create(
        clinic=clinic,
        participant=participant,
        defaults={"rating": rating, "learned": learned, "will_apply": will_apply, "created_at": timezone.now()},
    )
    return feedback


def can_give_feedback(*, clinic, participant):
    """Attendees give feedback once the clinic has started. Until a liaison records attendance, the people who
    registered are taken to have attended (the feedback email goes out before the attendance import)."""
    if participant is None or clinic.status == Clinic.Status.CANCELLED or clinic.start > timezone.now():
        return False
    if clinic.attendances.exists():
        return clinic.attendances.filter(participant=participant).exists()
    return clinic.registrations.filter(participant=participant, status=Registration.Status.REGISTERED).exists()
