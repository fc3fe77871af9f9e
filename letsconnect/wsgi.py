"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letsconnect.settings")

application = get_wsgi_application()

from .startup import load_translations_and_urls, preload_apps, require_secret_key  # noqa: E402 - needs the settings

require_secret_key()
load_translations_and_urls()
preload_apps()
