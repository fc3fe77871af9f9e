"""The test suite's settings: production's, with what makes tests fast and changes no behaviour under test.

A password hashed with PBKDF2 at a million rounds costs about 0.4 s of CPU; the factories and sign-ins of the suite
hashed hundreds of them, most of its run time. Django's own advice for test suites:
https://docs.djangoproject.com/en/5.2/topics/testing/overview/#password-hashing
The tests of hashing itself (and of sign-in timing) put production's hashers back with the `production_hashers`
fixture. Site processes started by tests (gunicorn, Celery workers) inherit this module through
DJANGO_SETTINGS_MODULE.
"""

from django.conf import global_settings

from letsconnect.settings import *  # noqa: F403 -- everything else exactly as in production

PRODUCTION_PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
