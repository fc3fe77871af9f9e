"""Celery tasks of the clinics app: thin, by id."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from . import reminders


@shared_task(ignore_result=False)  # its figure is read by the tests
def plan_reminders(now=None):
    """The every-minute sweep (Celery beat): write the clinic reminders that fell due to the outbox, which sends
    them. Safe to run twice at once.

    `now`: an ISO 8601 time to plan as of (tests and the browser journey move the clock); default the current time.
    """
    return reminders.plan(now=parse_datetime(now) if now else None)
