"""Let's Connect: the Wikimedia peer-learning program's Django project."""

from .celery import app as celery_app

__all__ = ("celery_app",)
