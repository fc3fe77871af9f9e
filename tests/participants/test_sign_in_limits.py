"""Sign-in rate limits (allauth's, counted in the real Redis cache) cannot be reset by what a client writes.

The site sits behind one TLS-terminating proxy (ALLAUTH_TRUSTED_PROXY_COUNT = 1): the proxy connects from its own
address and appends the client's to X-Forwarded-For, after whatever the client sent in that header itself.

The limits count within time windows (a minute, five minutes). The tests hold allauth's clock still, moving it only
when they say so, so a busy machine taking more than a minute over 30 sign-ins changes nothing.
"""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # The factories' password.
PROXY = "10.0.0.2"
CLIENT_ADDRESS = "203.0.113.7"
WRONG = "The username and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def _member(username):
    user = UserFactory(username=username)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


class HeldClock:
    """Stands in for the `time` module in allauth's rate limits: `time()` stays put until `advance()` moves it."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds

    def __getattr__(self, name):
        return getattr(time, name)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    held = HeldClock()
    monkeypatch.setattr(ratelimit, "time", held)
    return held


@pytest.fixture
def member():
    return _member("amina")


def sign_in(login, password, *, forged, client_address=CLIENT_ADDRESS, host="testserver", language="en"):
    """One sign-in through the proxy, from a fresh browser, with the client's own X-Forwarded-For value."""
    client = Client(
        REMOTE_ADDR=PROXY,
        HTTP_HOST=host,
        headers={"X-Forwarded-For": f"{forged}, {client_address}", "X-Forwarded-Proto": "https"},
    )
    with translation.override(language):
        address = reverse("account_login")
    response = client.post(address, {"login": login, "password": password})
    signed_in = "_auth_user_id" in client.session
    errors = response.context["form"].non_field_errors() if response.status_code == 200 else None
    return response, signed_in, errors


def test_the_sixth_sign_in_within_five_minutes_is_refused_even_with_the_right_password(member):
    failures = [sign_in("amina", "not the password", forged=f"198.51.100.{n}")[2] for n in range(5)]

    response, signed_in, errors = sign_in("amina", PASSWORD, forged="198.51.100.99")

    assert failures == [[WRONG]] * 5
    assert response.status_code == 200
    assert errors == [TOO_MANY]
    assert signed_in is False


def test_the_refusal_is_given_in_the_readers_language(member):
    for n in range(5):
        sign_in("amina", "not the password", forged=f"198.51.100.{n}", language="sw")

    _, signed_in, errors = sign_in("amina", PASSWORD, forged="198.51.100.99", language="sw")

    assert errors == ["Majaribio mengi mno ya kuingia yameshindwa. Jaribu tena baadaye."]
    assert signed_in is False


def test_the_right_password_before_the_limit_still_signs_in(member):
    for n in range(4):
        sign_in("amina", "not the password", forged=f"198.51.100.{n}")

    _, signed_in, errors = sign_in("amina", PASSWORD, forged="198.51.100.99")

    assert (signed_in, errors) == (True, None)


def test_the_count_of_one_login_is_shared_by_every_host_name_and_port(settings, member):
    settings.ALLOWED_HOSTS = ["letsconnect.example.org"]
    hosts = [
        "letsconnect.example.org",
        "LetsConnect.example.org",
        "letsconnect.example.org:443",
        "letsconnect.example.org:8443",
        "LETSCONNECT.EXAMPLE.ORG:1",
    ]
    for n, host in enumerate(hosts):
        sign_in("amina", "not the password", forged=f"198.51.100.{n}", host=host, client_address=f"192.0.2.{n}")

    _, signed_in, errors = sign_in(
        "Amina", PASSWORD, forged="198.51.100.99", host="letsconnect.example.org:9", client_address="192.0.2.99"
    )

    assert errors == [TOO_MANY]
    assert signed_in is False


def test_the_per_address_limit_counts_the_address_the_proxy_appended_not_the_forged_one():
    _member("kaya")
    for n in range(10):
        sign_in(f"nobody{n}", "not the password", forged=f"198.51.100.{n}")

    _, signed_in_from_same, errors_from_same = sign_in("kaya", PASSWORD, forged="198.51.100.200")
    _, signed_in_from_other, errors_from_other = sign_in(
        "kaya", PASSWORD, forged="198.51.100.200", client_address="192.0.2.10"
    )

    assert (signed_in_from_same, errors_from_same) == (False, [TOO_MANY])
    assert (signed_in_from_other, errors_from_other) == (True, None)


def test_too_many_sign_in_requests_from_one_address_get_the_too_many_attempts_page_in_the_readers_language():
    for n in range(30):
        response, _, _ = sign_in(f"nobody{n}", "not the password", forged=f"198.51.100.{n}", language="fr")
        assert response.status_code == 200

    response, signed_in, _ = sign_in("nobody", "not the password", forged="198.51.100.250", language="fr")

    assert response.status_code == 429
    assert response.templates[0].name == "429.html"
    assert "<h1>Trop de tentatives</h1>" in response.content.decode()
    assert signed_in is False


def test_the_per_address_limit_lets_sign_ins_through_again_once_its_minute_has_passed(clock):
    for n in range(30):
        sign_in(f"nobody{n}", "not the password", forged=f"198.51.100.{n}")
    refused, _, _ = sign_in("nobody", "not the password", forged="198.51.100.250")

    clock.advance(61)
    answered, _, _ = sign_in("nobody", "not the password", forged="198.51.100.251")

    assert (refused.status_code, answered.status_code) == (429, 200)


def test_the_per_account_limit_holds_for_five_minutes_then_the_right_password_signs_in(clock, member):
    for n in range(5):
        sign_in("amina", "not the password", forged=f"198.51.100.{n}")

    clock.advance(4 * 60)
    _, signed_in_within, errors_within = sign_in("amina", PASSWORD, forged="198.51.100.98")
    clock.advance(61)
    _, signed_in_after, errors_after = sign_in("amina", PASSWORD, forged="198.51.100.99")

    assert (signed_in_within, errors_within) == (False, [TOO_MANY])
    assert (signed_in_after, errors_after) == (True, None)
