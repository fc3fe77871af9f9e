"""Sign-up takes as long for an address that has an account as for a new one, so timing tells a stranger nothing.

Timed with production's password hashers (PBKDF2 at a million rounds): the hashing of a new account's password is
the cost that told the two apart. The two kinds of sign-up alternate, so that whatever else the machine is doing
slows both alike, and the medians of many are compared, not single requests.
"""

import statistics
import time

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from participants.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SAMPLES = 9
PROXY = "10.0.0.2"


def timed_sign_up(n, email):
    """One sign-up from a fresh browser at its own address (the sign-up limit counts per address), in seconds."""
    client = Client(REMOTE_ADDR=PROXY, headers={"X-Forwarded-For": f"198.51.100.{n}"})
    client.handler.load_middleware()  # a new test client's first request builds its middleware: not the site's work
    started = time.perf_counter()
    response = client.post(
        reverse("account_signup"), {"email": email, "username": f"newcomer{n}", "password1": "a long pass phrase 42"}
    )
    elapsed = time.perf_counter() - started
    assert (response.status_code, response["Location"]) == (302, reverse("account_email_verification_sent"))
    return elapsed


def test_a_registered_address_and_a_new_one_take_the_same_time_to_sign_up(request, mailoutbox):
    for n in range(SAMPLES):
        user = UserFactory(username=f"member{n}", email=f"member{n}@example.org")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    # Production's hashers from here on: the members' own passwords (hashed above, with the suite's MD5) play no
    # part in a sign-up, and nine PBKDF2 hashes of them would cost 3.4 s of CPU for nothing.
    request.getfixturevalue("production_hashers")
    timed_sign_up(100, "warm.up@example.org")  # the first request of a process loads templates and the hasher
    registered, new = [], []

    for n in range(SAMPLES):
        registered.append(timed_sign_up(2 * n, f"member{n}@example.org"))
        new.append(timed_sign_up(2 * n + 1, f"newcomer{n}@example.org"))

    medians = {"registered": statistics.median(registered), "new": statistics.median(new)}
    slower, faster = sorted(medians.values(), reverse=True)
    assert slower <= 1.25 * faster, medians
    # Both paths did their whole work: one email each, and accounts only for the new addresses.
    assert len(mailoutbox) == 2 * SAMPLES + 1
    assert User.objects.filter(username__startswith="newcomer").count() == SAMPLES + 1  # and the warm-up
