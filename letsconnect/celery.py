"""The Celery application: configured from Django's settings (CELERY_*), tasks found in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letsconnect.settings")

app = Celery("letsconnect")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="letsconnect.ping")
def ping():
    """Answer "pong": lets /healthz and the tests see that a worker really runs tasks."""
    return "pong"
