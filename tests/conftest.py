"""Fixtures for the whole suite: real PostgreSQL and Redis, a real Celery worker, factories."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings
from django.utils import translation

from letsconnect.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parent.parent


def pytest_sessionstart(session):
    """Stop at once, naming the service, when PostgreSQL or Redis cannot be reached: never skip silently."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit(f"The test suite needs PostgreSQL; DATABASE_URL points to {database['ENGINE']}.", returncode=3)
    try:
        psycopg.connect(
            host=database["HOST"],
            port=database["PORT"] or 5432,
            user=database["USER"],
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        pytest.exit(
            f"PostgreSQL is not reachable at {database['HOST']}:{database['PORT']} ({error}). "
            "Start it (pg_ctlcluster --skip-systemctl-redirect 15 main start) or set DATABASE_URL.",
            returncode=3,
        )
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
    except (redis.RedisError, ValueError) as error:
        pytest.exit(
            f"Redis is not reachable at {settings.REDIS_URL or '(REDIS_URL is not set)'} ({error}). "
            'Start it (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no) '
            "or set REDIS_URL.",
            returncode=3,
        )


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests start in English; a request's language must not leak into the next test's model fields."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the real Redis one)."""
    from django.core.cache import cache

    cache.clear()
    return


@pytest.fixture
def celery_worker(transactional_db, django_db_serialized_rollback):
    """A real Celery worker process, consuming from Redis a queue of its own, against the test database.

    Yields the queue name: send tasks there with `apply_async(queue=...)`.
    """
    queue = f"test-{uuid.uuid4().hex[:8]}"
    hostname = f"{queue}@localhost"
    db = settings.DATABASES["default"]
    env = os.environ | {
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
    }
    command = [sys.executable, "-m", "celery", "-A", "letsconnect", "worker", "--pool", "solo", "--without-gossip",
               "--without-mingle", "-Q", queue, "-n", hostname, "--loglevel", "WARNING"]  # fmt: skip
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        deadline = time.monotonic() + 30
        while not celery_app.control.ping(destination=[hostname], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Celery worker did not start (exit code {process.poll()}).")
        yield queue
    finally:
        celery_app.conf.task_always_eager = eager
        process.terminate()
        process.wait(timeout=20)
