"""What a process does before it serves anything: a production site needs its secret, and loads once what every
request needs."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation


def require_secret_key():
    try:
        secret = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        secret = ""
    if not secret:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable: a site without DJANGO_DEBUG=1 does not start without it."
        )


def load_translations_and_urls():
    """Every language's catalogues and the URL patterns, loaded now rather than on a worker's first requests (about
    half a second of a 2-core machine). Under gunicorn's preload_app this runs once in the master: the workers it
    forks, and each one that replaces a recycled worker, start with them loaded. Touches no database."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Let’s Connect")
            reverse("home")  # imports every URLconf and builds this language's table of URLs


def preload_apps():
    """Before gunicorn forks its workers: each app's `preload_before_fork()`, where its AppConfig has one (the
    Skills Directory's facet index), so that the core names no app."""
    from django.apps import apps

    for config in apps.get_app_configs():
        preload = getattr(config, "preload_before_fork", None)
        if preload is not None:
            preload()
