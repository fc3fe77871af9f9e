"""Queue a task after the transaction commits, or keep it in PostgreSQL while the broker is down.

Every app's tasks inherit this through the Celery app's task class (`letsconnect.celery.ResilientTask`), so
`some_task.delay_on_commit(...)` never turns a saved RSVP into an error page when Redis is unreachable."""

import logging

import kombu.exceptions
import redis.exceptions

from .cache import breaker

logger = logging.getLogger(__name__)

# What a publish raises when the broker cannot be reached (refused, timed out, reset).
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
REPLAY_BATCH = 500


def publish_or_defer(task, args, kwargs):
    """Queue the task; while Redis cannot be reached (now, or a moment ago: the breaker), keep it in PostgreSQL."""
    from .models import DeferredTask

    if not breaker.is_open:
        try:
            task.apply_async(args, kwargs)
            return
        except BROKER_ERRORS as error:
            breaker.trip(error, by=f"publishing {task.name}")
    logger.warning("Broker unreachable: %s kept in the database until it is back.", task.name)
    DeferredTask.objects.create(name=task.name, args=list(args), kwargs=dict(kwargs))


def replay(app):
    """Queue the deferred tasks again, oldest first; each is deleted once the broker took it. Returns how many."""
    from django.db import transaction

    from .models import DeferredTask

    replayed = 0
    with transaction.atomic():
        for row in DeferredTask.objects.select_for_update(skip_locked=True)[:REPLAY_BATCH]:
            app.tasks[row.name].apply_async(row.args, row.kwargs)
            row.delete()
            replayed += 1
    return replayed
