"""Celery tasks of the clinics app: thin, by id."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from letsconnect.email_tasks import EmailTask

from . import emails, reminders
from .models import ClinicSharer, Registration


@shared_task(base=EmailTask)
def send_registration_email(registration_id, event):
    """`event`: registered, waitlisted or promoted."""
    registration = (
        Registration.objects.select_related("participant__user", "clinic__topic").filter(pk=registration_id).first()
    )
    if registration is not None:
        emails.registration_email(registration, event=event)


@shared_task(base=EmailTask)
def send_clinic_notice(registration_id, event):
    """`event`: cancelled or moved (the clinic's new time), to someone registered or on the waitlist."""
    registration = (
        Registration.objects.select_related("participant__user", "clinic__topic").filter(pk=registration_id).first()
    )
    if registration is not None:
        emails.clinic_notice(registration.clinic, registration.participant, event=event, role=registration.status)


@shared_task(base=EmailTask)
def send_sharer_notice(sharer_id, event):
    """`event`: cancelled or moved, to a participant who shares at the clinic."""
    sharer = (
        ClinicSharer.objects.select_related("participant__user", "clinic__topic")
        .filter(pk=sharer_id, participant__isnull=False)
        .first()
    )
    if sharer is not None:
        emails.clinic_notice(sharer.clinic, sharer.participant, event=event, role="sharer")


@shared_task(ignore_result=False)  # its figures are read by the tests and the benchmark
def send_due_reminders(now=None):
    """The every-minute sweep (Celery beat): send the clinic reminders that are due. Safe to run twice at once.

    `now`: an ISO 8601 time to sweep as of (tests and the browser journey move the clock); default the current time.
    """
    result = reminders.sweep(now=parse_datetime(now) if now else None)
    return {"planned": result.planned, "sent": result.sent, "skipped": result.skipped, "failed": result.failed}
