"""Emails about clinics, each in the participant's language and time zone."""

from django.utils import translation
from django.utils.translation import gettext as _

from letsconnect.mail import SharedMessage, render_text, send_templated

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


def clinic_notice(clinic, participant, *, event, role):
    """The clinic was cancelled, or moved to a new time. `role`: registered, waitlisted or sharer.

    A calendar file goes only to those whose calendar holds the event (registered people got one with their
    confirmation; sharers present it): it removes the event (METHOD:CANCEL) or moves it. Someone on the waitlist
    never had it, and gets none."""
    has_calendar_file = role != "waitlisted"
    send_templated(
        template=f"clinics/email/{event}",
        to=participant.user.email,
        language=participant.email_language,
        context={
            "clinic": clinic,
            "participant": participant,
            "role": role,
            "time_zone": participant.time_zone or "UTC",
        },
        attachments=[_ics(clinic, participant)] if has_calendar_file else [],
    )


# Where the participant's name goes in a reminder rendered once for everyone who gets the same one.
NAME_SLOT = "@@participant-name@@"


def reminder_email(reminder, *, connection=None, rendered=None):
    """A reminder before the clinic (24h, 1h) or an email after it (feedback, recording), from the ledger row.

    `rendered`: a dict shared by the reminders of one batch. Those of the same kind, clinic, language and time zone
    differ only by the person's name, so the templates are rendered once for them and the name put in after.
    """
    participant = reminder.participant
    clinic = reminder.clinic
    time_zone = participant.time_zone or "UTC"
    rendered = {} if rendered is None else rendered
    key = (reminder.kind, clinic.pk, clinic.updated_at, participant.email_language, time_zone)
    if key not in rendered:
        subject, body = render_text(
            template=f"clinics/email/reminder_{reminder.kind}",
            language=participant.email_language,
            context={
                "clinic": clinic,
                "participant": {"display_name": NAME_SLOT},
                "time_zone": time_zone,
                "materials": clinic.materials.all(),
            },
        )
        rendered[key] = SharedMessage(subject=subject, body=body)
    rendered[key].send(
        to=participant.user.email, connection=connection, replacements=[(NAME_SLOT, participant.display_name)]
    )
