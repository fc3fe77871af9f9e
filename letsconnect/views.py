"""Site-wide views: the health check and the error page for a database that cannot be reached (the home page is
the `home` app's)."""

import logging
import sys

from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

from .cache import breaker as redis_breaker
from .celery import app as celery_app

# Seconds a browser or crawler is asked to wait when the database cannot be reached (a restart takes a few).
DATABASE_RETRY_AFTER = 10

logger = logging.getLogger(__name__)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok():
    if redis_breaker.is_open:  # it failed a moment ago: do not make the probe wait for another timeout
        return False
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def healthz(request):
    """For load balancers and orchestrators: 503 when the database cannot be reached, else 200.

    The broker's state is reported too, but does not fail the probe: without Redis the site still serves every
    page (letsconnect/cache.py, letsconnect/deferred.py), and a load balancer must not take every web process
    out of service because of it."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    status = 200 if checks["database"] else 503
    body = {name: "ok" if ok else "down" for name, ok in checks.items()}
    return JsonResponse(body, status=status)


@requires_csrf_token
def server_error(request):
    """handler500: a database that cannot be reached answers 503 in the page's language, anything else 500.

    Django calls this inside its `except` around the request, for an error raised anywhere (a view, a template,
    the session saved by a middleware), so `sys.exc_info()` holds the cause. The 503 page is a plain template
    rendered without context processors: nothing in it may touch the database that just failed.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return django_server_error(request)
    logger.warning("Database unreachable while serving %s (%s): answered 503.", request.path, error)
    # A broken connection must not serve the next request of this process: drop it now (a usable one stays).
    close_old_connections()
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    response["Content-Language"] = language
    return response
