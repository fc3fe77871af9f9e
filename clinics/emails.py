"""Emails about clinics, each in the participant's language and time zone."""

from django.utils import translation
from django.utils.translation import gettext as _

from letsconnect.mail import send_templated

from .calendars import calendar


def registration_email(registration, *, event):
    participant = registration.participant
    clinic = registration.clinic
    attachments = []
    if event in ("registered", "promoted"):
        with translation.override(participant.email_language):
            ics = calendar([clinic], name=_("Learning Clinics"), language=participant.email_language)
        attachments.append(("clinic.ics", ics, "text/calendar"))
    send_templated(
        template=f"clinics/email/{event}",
        to=participant.user.email,
        language=participant.email_language,
        context={"clinic": clinic, "participant": participant, "time_zone": participant.time_zone or "UTC"},
        attachments=attachments,
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
