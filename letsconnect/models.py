"""Site-wide tables: tasks kept in the database while the broker (Redis) cannot be reached."""

from django.db import models
from django.utils import timezone


class DeferredTask(models.Model):
    """A Celery task that could not be queued because the broker was down: replayed once it is back.

    Written after the request's own transaction committed, so the request still succeeds (an RSVP is saved and
    confirmed on the page); `letsconnect.replay_deferred_tasks` (beat, every minute) queues it again."""

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name
