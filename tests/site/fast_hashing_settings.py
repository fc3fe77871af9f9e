"""The production settings with a fast password hasher, for the site processes of the outage tests.

They time what Redis costs a request. A failed sign-in checks the password with PBKDF2 (a million rounds) two or
three times (Django's and allauth's backends), 1.5 to 4 s on the shared 2-core test machine under load, which
would hide it. Django's own advice for test suites: https://docs.djangoproject.com/en/5.2/topics/testing/overview/#password-hashing
"""

from letsconnect.settings import *  # noqa: F403 -- everything else exactly as in production

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
