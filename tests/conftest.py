"""Fixtures for the whole suite: real PostgreSQL and Redis, a real Celery worker, factories."""

import asyncio
import email.policy
import os
import socket
import subprocess
import sys
import time
import uuid
from email.parser import BytesParser
from pathlib import Path

import psycopg
import pytest
import redis
from aiosmtpd.controller import Controller
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


class CeleryWorkers:
    """Real Celery worker processes against the test database; each test's queue is its own."""

    def __init__(self):
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.processes = []

    def start(self, *, env=None, wait=True, beat_schedule=None):
        """Start a worker on this test's queue, with `env` added to its environment; wait until it answers.

        `beat_schedule`: a file for an embedded beat (`--beat`), whose tasks then go to the default queue.
        """
        hostname = f"{self.queue}-{len(self.processes)}@localhost"
        db = settings.DATABASES["default"]
        environment = (
            os.environ
            | {
                "CELERY_TASK_ALWAYS_EAGER": "0",
                "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
            }
            | (env or {})
        )
        queues = self.queue if beat_schedule is None else f"{self.queue},celery"
        command = [sys.executable, "-m", "celery", "-A", "letsconnect", "worker", "--pool", "solo", "--without-gossip",
                   "--without-mingle", "-Q", queues, "-n", hostname, "--loglevel", "WARNING"]  # fmt: skip
        if beat_schedule is not None:
            command += ["--beat", "--schedule", str(beat_schedule)]
        process = subprocess.Popen(command, cwd=BASE_DIR, env=environment)
        self.processes.append(process)
        deadline = time.monotonic() + 30
        while wait and not celery_app.control.ping(destination=[hostname], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Celery worker did not start (exit code {process.poll()}).")
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def celery_workers(transactional_db, django_db_serialized_rollback):
    """Start real Celery worker processes (`celery_workers.start(env=...)`); all are stopped after the test."""
    workers = CeleryWorkers()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield workers
    finally:
        celery_app.conf.task_always_eager = eager
        workers.stop()


@pytest.fixture
def celery_worker(celery_workers):
    """A real Celery worker process, consuming from Redis a queue of its own, against the test database.

    Yields the queue name: send tasks there with `apply_async(queue=...)`.
    """
    celery_workers.start()
    return celery_workers.queue


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """An aiosmtpd handler keeping every message it accepts; `delay` seconds per message make it a slow server."""

    def __init__(self, port):
        self.port = port
        self.url = f"smtp://127.0.0.1:{port}"
        self.delay = 0.0
        self.refused = set()  # addresses answered "550 no such mailbox"
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(BytesParser(policy=email.policy.default).parsebytes(envelope.content))
        return "250 Message accepted for delivery"

    def recipients(self):
        return [message["To"] for message in list(self.messages)]

    def wait_for(self, count, *, timeout=30):
        """Wait until `count` messages arrived; returns them all."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.messages)


@pytest.fixture
def smtp_sink():
    """A real SMTP server (aiosmtpd) on a free local port: point a worker's EMAIL_URL at `smtp_sink.url`."""
    sink = SmtpSink(free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own (never the shared one), which the test may stop and start again."""
    port = free_port()
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
               "--dir", str(tmp_path)]  # fmt: skip

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=port, socket_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return process
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    pytest.fail("The test's own Redis did not start.")
                time.sleep(0.05)

    server = {"process": start(), "url": f"redis://127.0.0.1:{port}/0"}

    def restart():
        server["process"] = start()

    def stop():
        server["process"].terminate()
        server["process"].wait(timeout=10)

    server["stop"], server["restart"] = stop, restart
    yield server
    if server["process"].poll() is None:
        stop()
