"""The test suite's settings: production's, with what makes tests fast and changes no behaviour under test.

- Passwords hash with MD5: PBKDF2 at a million rounds costs about 0.4 s of CPU, and the factories and sign-ins of
  the suite hashed hundreds of them, most of its run time (Django's own advice for test suites:
  https://docs.djangoproject.com/en/5.2/topics/testing/overview/#password-hashing). The tests of hashing itself
  (and of sign-in timing) put production's hashers back with the `production_hashers` fixture.
- Under pytest-xdist, each worker (gw0, gw1, ...) gets a Redis database of its own, the one after REDIS_URL's for
  gw0 and so on: the autouse cache clear of one worker must not empty another's cache, nor one worker's Celery
  control commands reach another's workers. pytest-django already gives each worker its own test database.

Site processes started by tests (gunicorn, Celery workers) inherit this module through DJANGO_SETTINGS_MODULE and
the adjusted REDIS_URL through the environment (marked, so that they do not move it again).

- WhiteNoise scans the static files once per process, not once per test client (tests/static_files.py).
"""

import os
from urllib.parse import urlsplit

from django.conf import global_settings


def _redis_url_of_this_worker(url, worker):
    """REDIS_URL with its database number moved past the suite's own by the xdist worker's index (gw0 → +1)."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + 1 + int(worker.removeprefix("gw"))
    return parts._replace(path=f"/{database}").geturl()


_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL") and not os.environ.get("TEST_REDIS_URL_OF_WORKER"):
    os.environ["REDIS_URL"] = _redis_url_of_this_worker(os.environ["REDIS_URL"], _worker)
    os.environ["TEST_REDIS_URL_OF_WORKER"] = _worker

from letsconnect.settings import *  # noqa: E402, F403 -- everything else exactly as in production

PRODUCTION_PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# One scan of STATIC_ROOT per process instead of one per test client (tests/static_files.py).
MIDDLEWARE = [
    "tests.static_files.OnceScannedWhiteNoiseMiddleware"
    if name == "whitenoise.middleware.WhiteNoiseMiddleware"
    else name
    for name in MIDDLEWARE  # noqa: F405 -- from production's settings, above
]
