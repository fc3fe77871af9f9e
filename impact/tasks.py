"""Celery tasks of the impact page: thin."""

from celery import shared_task
from django.core.cache import cache
from django.db import OperationalError

from . import summaries


@shared_task(bind=True, max_retries=20)
def rebuild_summaries(self):
    """Rebuild the summaries changed since the last run (after a change is committed, and every night). While
    another run holds the lock, try again a little later: this one may hold changes the other did not see."""
    cache.delete(summaries.QUEUED_KEY)
    if not summaries.supported():
        return []
    try:
        return summaries.rebuild()
    except (summaries.Busy, OperationalError) as busy:  # OperationalError: a serialization failure, transient
        raise self.retry(countdown=30) from busy
