"""Checks a process makes before it serves anything: a production site needs its secret."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_secret_key():
    try:
        secret = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        secret = ""
    if not secret:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable: a site without DJANGO_DEBUG=1 does not start without it."
        )
