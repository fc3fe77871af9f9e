"""Celery tasks of the clinics app: thin, by id."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from . import reminders


@shared_task(ignore_result=False)  # its figures are read by the tests and the benchmark
def send_due_reminders(now=None):
    """The every-minute sweep (Celery beat): send the clinic reminders that are due. Safe to run twice at once.

    `now`: an ISO 8601 time to sweep as of (tests and the browser journey move the clock); default the current time.
    """
    result = reminders.sweep(now=parse_datetime(now) if now else None)
    return {"planned": result.planned, "sent": result.sent, "skipped": result.skipped, "failed": result.failed}
