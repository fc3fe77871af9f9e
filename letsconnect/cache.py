"""The site's cache: Redis, and this process's own memory while Redis cannot be reached.

Decision (issue 9, "Redis down"): the cache is never a reason for a page to fail or to be slow.
- Every cache call that meets a refused connection or a timeout is answered by a local-memory cache of the process
  instead, and a warning is logged. A circuit breaker then sends every call of the process (cache and Celery
  publishes alike, see `letsconnect.deferred`) straight to the fallback for `REDIS_BREAKER_SECONDS`, so one
  request waits at most one Redis timeout (`REDIS_TIMEOUT`), and only the first one after the breaker closes again.
- allauth's rate limits (failed sign-ins, sign-ups, password resets) keep their history in the cache: while Redis is
  away they are counted per process, in the fallback. We chose that over failing open (no limits: password guessing
  unchecked during an outage) and over failing closed (nobody can sign in during an outage). With several web
  processes an attacker gets at most the limit once per process; when Redis is back, the counts start again from
  what Redis held.
- Cached answers (the Skills Directory, the impact figures, badge images) are computed again where the fallback has
  none. An invalidation written while Redis was away (a new data version) must not be lost, or Redis would serve
  the answers from before it once it is back: every key this process wrote during the outage is deleted from Redis
  as soon as Redis answers again. (A process that dies during the outage forgets its list; the entries then expire
  with their own timeout.)
"""

import logging
import threading
import time

import redis.exceptions
from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# What Redis raises when it cannot be reached: refused, reset, timed out, still loading its data.
REDIS_UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
FALLBACK_MAX_ENTRIES = 10_000


class RedisBreaker:
    """Per process: after a failure, Redis is not tried again for `REDIS_BREAKER_SECONDS`."""

    def __init__(self):
        self.open_until = 0.0
        self.lock = threading.Lock()
        self.keys_written_while_open = set()

    @property
    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, error, *, by):
        with self.lock:
            if not self.is_open:
                logger.warning(
                    "Redis unreachable (%s, %s): this process does without it for %s s.",
                    type(error).__name__,
                    by,
                    settings.REDIS_BREAKER_SECONDS,
                )
            self.open_until = time.monotonic() + settings.REDIS_BREAKER_SECONDS

    def written_while_open(self, keys):
        with self.lock:
            self.keys_written_while_open.update(keys)

    def take_keys_written_while_open(self):
        with self.lock:
            keys, self.keys_written_while_open = self.keys_written_while_open, set()
        return keys


breaker = RedisBreaker()

# Methods that store or remove something: what they touched is removed from Redis once it is back.
_WRITES = {"add", "set", "touch", "delete", "incr"}
_MANY_WRITES = {"set_many", "delete_many"}


def _with_fallback(name):
    def method(self, *args, **kwargs):
        if not breaker.is_open:
            try:
                if breaker.keys_written_while_open:
                    self._forget_keys_written_while_redis_was_away()
                return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
            except REDIS_UNREACHABLE as error:
                breaker.trip(error, by=f"cache.{name}")
        if name in _WRITES:
            breaker.written_while_open([args[0] if args else kwargs["key"]])
        elif name in _MANY_WRITES:
            breaker.written_while_open(list(args[0] if args else kwargs.get("data", kwargs.get("keys"))))
        return getattr(self.fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"`{name}` on Redis, on this process's memory while Redis cannot be reached."
    return method


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, falling back to local memory per process while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # LocMemCache instances of the same name share their storage: one fallback per process, for every thread.
        self.fallback = LocMemCache(
            "letsconnect-redis-fallback",
            {**params, "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}},
        )

    def _forget_keys_written_while_redis_was_away(self):
        keys = breaker.take_keys_written_while_open()
        try:
            super().delete_many(keys)
        except REDIS_UNREACHABLE:
            breaker.written_while_open(keys)
            raise
        # The fallback holds nothing but what was written during the outage: start the next outage afresh.
        self.fallback.clear()
        logger.info("Redis is back: %s keys written meanwhile were removed from it.", len(keys))

    add = _with_fallback("add")
    get = _with_fallback("get")
    set = _with_fallback("set")
    touch = _with_fallback("touch")
    delete = _with_fallback("delete")
    get_many = _with_fallback("get_many")
    has_key = _with_fallback("has_key")
    incr = _with_fallback("incr")
    set_many = _with_fallback("set_many")
    delete_many = _with_fallback("delete_many")
    clear = _with_fallback("clear")
