"""Request limits: per client address without a token, per token with one, in Redis, and in each process's memory
while Redis cannot be reached (the site's own fallback, letsconnect/cache.py)."""

import time

import pytest

from api.throttling import AddressThrottle, TokenThrottle
from letsconnect.cache import ResilientRedisCache, breaker
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_a_minute(monkeypatch):
    monkeypatch.setattr(AddressThrottle, "rate", "2/minute", raising=False)
    monkeypatch.setattr(TokenThrottle, "rate", "2/minute", raising=False)


def test_an_address_past_its_limit_is_told_to_wait_and_another_address_is_not(client, two_a_minute):
    answers = [client.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.5").status_code for _ in range(3)]
    limited = client.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.5")
    other = client.get("/api/v1/skills/", REMOTE_ADDR="198.51.100.7")

    assert answers == [200, 200, 429]
    assert int(limited["Retry-After"]) > 0
    assert other.status_code == 200


def test_a_token_is_limited_on_its_own_whatever_address_it_comes_from(client, bearer, two_a_minute):
    headers = bearer(ParticipantFactory())

    answers = [client.get("/api/v1/me/", REMOTE_ADDR=f"203.0.113.{n}", **headers).status_code for n in range(3)]
    anonymous = client.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.1")

    assert (answers, anonymous.status_code) == ([200, 200, 429], 200)


def test_the_limit_still_holds_while_redis_never_answers(client, two_a_minute, black_hole, settings, monkeypatch):
    settings.REDIS_BREAKER_SECONDS = 30
    unreachable = ResilientRedisCache(
        f"redis://127.0.0.1:{black_hole.port}/0", {"KEY_PREFIX": "limits-test", "OPTIONS": {"socket_timeout": 0.3}}
    )
    monkeypatch.setattr(AddressThrottle, "cache", unreachable)

    answers = [client.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.9").status_code for _ in range(3)]
    started = time.monotonic()
    client.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.9")
    after_first_timeout = time.monotonic() - started

    assert answers == [200, 200, 429]
    assert breaker.is_open
    assert after_first_timeout < 5  # no Redis timeout any more: the process's memory answers
