"""Emails about clinics, each in the participant's language and time zone."""

from django.utils import translation
from django.utils.translation import gettext as _

from letsconnect.mail import send_templated

from .calendars import calendar


def _ics(clinic, participant):
    with translation.override(participant.email_language):
        ics = calendar([clinic], name=_("Learning Clinics"), language=participant.email_language)
    return ("clinic.ics", ics, "text/calendar")


def registration_email(registration, *, event):
    participant = registration.participant
    clinic = registration.clinic
    attachments = [_ics(clinic, participant)] if event in ("registered", "promoted") else []
    send_templated(
        template=f"clinics/email/{event}",
        to=participant.user.email,
        language=participant.email_language,
        context={"clinic": clinic, "participant": participant, "time_zone": participant.time_zone or "UTC"},
        attachments=attachments,
    )


def clinic_notice(registration, *, event):
    """The clinic was cancelled, or moved to a new time; the calendar file replaces the old event."""
    participant = registration.participant
    clinic = registration.clinic
    send_templated(
        template=f"clinics/email/{event}",
        to=participant.user.email,
        language=participant.email_language,
        context={
            "clinic": clinic,
            "participant": participant,
            "registration": registration,
            "time_zone": participant.time_zone or "UTC",
        },
        attachments=[_ics(clinic, participant)],
    )


def reminder_email(reminder, *, connection=None):
    """A reminder before the clinic (24h, 1h) or an email after it (feedback, recording), from the ledger row."""
    participant = reminder.participant
    clinic = reminder.clinic
    send_templated(
        template=f"clinics/email/reminder_{reminder.kind}",
        to=participant.user.email,
        language=participant.email_language,
        context={
            "clinic": clinic,
            "participant": participant,
            "time_zone": participant.time_zone or "UTC",
            "materials": clinic.materials.all(),
        },
        connection=connection,
    )
