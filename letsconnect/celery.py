"""The Celery application: configured from Django's settings (CELERY_*), tasks found in each app's tasks.py."""

import os
from functools import partial

from celery import Celery, Task
from celery.signals import beat_init, setup_logging, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letsconnect.settings")


class ResilientTask(Task):
    """Every task of the site: `delay_on_commit` keeps the task in the database when the broker is down."""

    def delay_on_commit(self, *args, **kwargs):
        from django.db import transaction

        from .deferred import publish_or_defer

        transaction.on_commit(partial(publish_or_defer, self, args, kwargs))


app = Celery("letsconnect", task_cls=ResilientTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _require_secret_key(**kwargs):
    # Workers render emails with signed links: they need the same secret as the site.
    from .startup import require_secret_key

    require_secret_key()


@setup_logging.connect
def _log_like_the_site(loglevel=None, **kwargs):
    """Worker and beat log through the site's LOGGING (JSON lines in production), at the level of `--loglevel`."""
    from logging.config import dictConfig

    from django.conf import settings

    config = {**settings.LOGGING, "root": {**settings.LOGGING["root"]}}
    if loglevel:
        config["root"]["level"] = loglevel
    dictConfig(config)


@app.task(name="letsconnect.ping", ignore_result=False)
def ping():
    """Answer "pong": lets /healthz and the tests see that a worker really runs tasks."""
    return "pong"


@app.task(name="letsconnect.replay_deferred_tasks")
def replay_deferred_tasks():
    """Beat, every minute: queue again what was kept in the database while the broker was down."""
    from .deferred import replay

    return replay(app)
