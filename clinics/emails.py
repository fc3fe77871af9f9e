"""Emails about clinics, each in the participant's language and time zone: written to the outbox (`mail`) in the
transaction of the change, composed here when the sender takes them."""

from django.utils import translation
from django.utils.translation import gettext as _

from mail import services as mail
from mail.composers import Draft, render
from mail.models import Email

from .calendars import calendar
from .models import Clinic, Registration


def _ics(clinic, participant):
    with translation.override(participant.email_language):
        ics = calendar([clinic], name=_("Learning Clinics"), language=participant.email_language)
    return ("clinic.ics", ics, "text/calendar")


def write_registration_email(registration, *, event):
    """`event`: registered, waitlisted or promoted. One email per change of the registration."""
    participant = registration.participant
    mail.send(
        key=f"rsvp:{registration.pk}:{event}:{registration.updated_at.timestamp()}",
        kind=Email.Kind.RSVP,
        recipient=participant.user,
        language=participant.email_language,
        context={"registration": registration.pk, "event": event},
    )


def write_clinic_notices(clinic, *, event, registration_ids, sharer_ids):
    """`event`: cancelled or moved (to the clinic's new time): one email per person and change of the clinic."""
    registrations = Registration.objects.filter(pk__in=registration_ids).select_related("participant__user")
    people = [(registration.participant, registration.status) for registration in registrations]
    people += [
        (sharer.participant, "sharer")
        for sharer in clinic.sharers.filter(pk__in=sharer_ids, participant__isnull=False).select_related(
            "participant__user"
        )
    ]
    mail.write(
        mail.email(
            key=f"clinic-change:{clinic.pk}:{clinic.sequence}:{event}:{participant.pk}",
            kind=Email.Kind.CLINIC_CHANGE,
            recipient=participant.user,
            language=participant.email_language,
            context={"clinic": clinic.pk, "participant": participant.pk, "event": event, "role": role},
        )
        for participant, role in people
    )


def compose_registration_emails(emails):
    registrations = Registration.objects.select_related("participant__user", "clinic__topic").in_bulk(
        [email.context["registration"] for email in emails]
    )
    drafts = {}
    for email in emails:
        registration = registrations.get(email.context["registration"])
        if registration is None:
            drafts[email.pk] = "registration deleted"
            continue
        event, participant, clinic = email.context["event"], registration.participant, registration.clinic
        subject, body = render(
            template=f"clinics/email/{event}",
            language=email.language,
            context={"clinic": clinic, "participant": participant, "time_zone": participant.time_zone or "UTC"},
        )
        attachments = [_ics(clinic, participant)] if event in ("registered", "promoted") else []
        drafts[email.pk] = Draft(subject=subject, body=body, attachments=attachments)
    return drafts


def compose_clinic_notices(emails):
    """The clinic was cancelled, or moved to a new time. `role`: registered, waitlisted or sharer.

    A calendar file goes only to those whose calendar holds the event (registered people got one with their
    confirmation; sharers present it): it removes the event (METHOD:CANCEL) or moves it. Someone on the waitlist
    never had it, and gets none."""
    from participants.models import Participant

    clinics = Clinic.objects.select_related("topic").in_bulk([email.context["clinic"] for email in emails])
    people = Participant.objects.select_related("user").in_bulk([email.context["participant"] for email in emails])
    drafts = {}
    for email in emails:
        clinic, participant = clinics.get(email.context["clinic"]), people.get(email.context["participant"])
        if clinic is None or participant is None:
            drafts[email.pk] = "clinic or participant deleted"
            continue
        role = email.context["role"]
        subject, body = render(
            template=f"clinics/email/{email.context['event']}",
            language=email.language,
            context={
                "clinic": clinic,
                "participant": participant,
                "role": role,
                "time_zone": participant.time_zone or "UTC",
            },
        )
        attachments = [_ics(clinic, participant)] if role != "waitlisted" else []
        drafts[email.pk] = Draft(subject=subject, body=body, attachments=attachments)
    return drafts
