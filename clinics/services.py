"""Operations on clinics: RSVP with capacity and waitlist, cancelling, promoting the next person."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .models import Clinic, Registration


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
    tasks.send_registration_email.delay_on_commit(registration.pk, status)
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
        tasks.send_registration_email.delay_on_commit(candidate.pk, "promoted")
        promoted = candidate
    return promoted
