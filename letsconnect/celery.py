"""The Celery application: configured from Django's settings (CELERY_*), tasks found in each app's tasks.py."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letsconnect.settings")

app = Celery("letsconnect")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _require_secret_key(**kwargs):
    # Workers render emails with signed links: they need the same secret as the site.
    from .startup import require_secret_key

    require_secret_key()


@app.task(name="letsconnect.ping")
def ping():
    """Answer "pong": lets /healthz and the tests see that a worker really runs tasks."""
    return "pong"
