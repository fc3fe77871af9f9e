"""Celery tasks of the outreach app: thin, by id, each sending one batch and enqueueing the next."""

from celery import shared_task
from django.utils import timezone

from . import services


def _again(task, outcome):
    """Whether to enqueue the next batch. Run eagerly (tests, scripts), a pause cannot be waited out: stop
    rather than spin while another worker's lease holds the remaining rows."""
    return outcome.more and not (task.request.is_eager and outcome.claimed == 0)


def _same_queue(task):
    routing_key = (task.request.delivery_info or {}).get("routing_key")
    return {"queue": routing_key} if routing_key else {}


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=12)
def send_announcement(self, announcement_id):
    """One batch of an approved announcement; the next follows at the configured rate."""
    outcome = services.send_announcement_batch(announcement_id=announcement_id)
    if _again(self, outcome):
        send_announcement.apply_async((announcement_id,), countdown=outcome.pause, **_same_queue(self))


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=12)
def send_digest(self, month):
    """One batch of a month's digest (`month`: ISO date of its first day)."""
    outcome = services.send_digest_batch(month=month)
    if _again(self, outcome):
        send_digest.apply_async((month,), countdown=outcome.pause, **_same_queue(self))


@shared_task
def send_monthly_digest():
    """Beat, on the first of the month: plan this month's digest and start sending (safe to run twice)."""
    month = services.digest_month(timezone.now().date())
    services.plan_digest(month=month)
    send_digest.delay(month.isoformat())
