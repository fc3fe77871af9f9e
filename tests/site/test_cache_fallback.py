"""The cache while Redis cannot be reached: one timeout, then this process's memory; what was written meanwhile is
removed from Redis when it is back, so no invalidation is lost (letsconnect/cache.py)."""

import time

import pytest
import redis

from letsconnect.cache import ResilientRedisCache, breaker

pytestmark = pytest.mark.outage


def _cache(url):
    return ResilientRedisCache(url, {"KEY_PREFIX": "fallback-test", "OPTIONS": {"socket_timeout": 0.5}})


def test_a_redis_that_never_answers_costs_one_timeout_then_the_process_memory_answers(black_hole, settings):
    settings.REDIS_BREAKER_SECONDS = 30
    cache = _cache(f"redis://127.0.0.1:{black_hole.port}/0")

    started = time.monotonic()
    cache.set("directory-version", "v2")
    first = time.monotonic() - started
    started = time.monotonic()
    found = [cache.get("directory-version"), cache.add("lock", 1), cache.add("lock", 1), cache.get_or_set("n", 5)]
    after = time.monotonic() - started

    assert (found, breaker.is_open) == (["v2", True, False, 5], True)
    assert 0.5 <= first < 1.0
    assert after < 0.05


def test_a_key_written_while_redis_was_down_is_removed_from_redis_once_it_is_back(private_redis, settings):
    settings.REDIS_BREAKER_SECONDS = 0.2
    cache = _cache(private_redis["url"])
    cache.set("impact-version", "v1")
    private_redis["stop"]()

    cache.set("impact-version", "v2")  # a new data version, written while Redis is down: kept by this process
    during = cache.get("impact-version")
    private_redis["restart"]()  # a Redis that still holds an older version (here: an empty one given it again)
    raw = redis.Redis.from_url(private_redis["url"])
    raw.set(cache.make_and_validate_key("impact-version"), 1)
    raw.set(cache.make_and_validate_key("untouched"), 7)
    time.sleep(0.3)

    assert (during, cache.get("impact-version"), cache.get("untouched")) == ("v2", None, 7)
    assert breaker.keys_written_while_open == set()
