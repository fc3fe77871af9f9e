"""Celery tasks of the outreach app: thin; what they write, the outbox (`mail`) sends."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def send_monthly_digest():
    """Beat, on the first of the month: write this month's digest to the outbox (safe to run twice)."""
    services.plan_digest(month=services.digest_month(timezone.now().date()))
