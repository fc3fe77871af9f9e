"""Fixtures for the whole suite: real PostgreSQL and Redis, a real Celery worker, factories."""

import asyncio
import contextlib
import email.policy
import fcntl
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from email.parser import BytesParser
from pathlib import Path

import psycopg
import pytest
import redis
from aiosmtpd.controller import Controller
from celery import _state as celery_state
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


# The tiers (README, "Testing"): a test that starts processes of its own (Celery workers, gunicorn, PostgreSQL or
# Redis servers) is marked `worker` through the fixtures that start them; the outage and fuzz modules mark
# themselves, and tests/browser/ marks its tests `browser`. The inner loop leaves the four out.
PROCESS_FIXTURES = {"celery_workers", "private_postgres", "private_redis", "black_hole", "gunicorn_site"}


def pytest_collection_modifyitems(items):
    for item in items:
        if PROCESS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.worker)


@pytest.fixture(autouse=True)
def _outage_tests_run_alone(request, tmp_path_factory):
    """Under pytest-xdist, an `outage` test runs while no other worker runs a test: those tests bound how long a
    request may take while a service is down, which a neighbour's CPU load must not decide.

    Every test holds a shared lock; an outage test an exclusive one. A turnstile keeps a stream of shared holders
    from starving the exclusive one: it waits in the turnstile, which a new test must pass before taking its lock."""
    # Not the `worker_id` fixture: it is pytest-xdist's, and `-p no:xdist` must work too.
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        yield
        return
    alone = request.node.get_closest_marker("outage") is not None
    folder = tmp_path_factory.getbasetemp().parent  # shared by the workers of one run
    with open(folder / "turnstile.lock", "a") as turnstile, open(folder / "tiers.lock", "a") as tiers:
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        if not alone:
            fcntl.flock(turnstile, fcntl.LOCK_UN)
        fcntl.flock(tiers, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        if alone:
            fcntl.flock(turnstile, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(tiers, fcntl.LOCK_UN)


@pytest.fixture
def production_hashers(settings):
    """Production's password hashers (PBKDF2), for the tests of hashing and of what it costs; the suite's
    settings hash with MD5 (tests/settings.py)."""
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS
    return settings.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _only_the_outbox_sends(settings):
    """Django's in-memory mail backend (`mailoutbox`), which fails any email not sent by the outbox's sender."""
    settings.EMAIL_BACKEND = "tests.outbox_only.OutboxOnlyBackend"


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests start in English; a request's language must not leak into the next test's model fields."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _result_get_allowed():
    """Celery's "Never call result.get() within a task" guard is one flag for the whole process, set while an eager
    task runs (`Task.apply`) and put back after it. Two eager tasks at once, in two threads of the live server of a
    browser test, can leave it set for good: each test starts with it put back."""
    celery_state._set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the real Redis one), and with Redis trusted again in this process."""
    from django.core.cache import cache

    from letsconnect.cache import breaker

    breaker.open_until = 0.0
    breaker.take_keys_written_while_open()
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
        # A process group of its own: an embedded beat is a child process, which must not outlive the test (a
        # worker killed by a test would leave it sending periodic tasks into the next tests' Redis database).
        process = subprocess.Popen(command, cwd=BASE_DIR, env=environment, start_new_session=True)
        self.processes.append(process)
        deadline = time.monotonic() + 60
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
            # Whatever is left of its group (an embedded beat whose worker was killed) goes too, before the next test.
            deadline = time.monotonic() + 10
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
                while time.monotonic() < deadline:
                    os.killpg(process.pid, 0)  # ProcessLookupError once the group is empty
                    time.sleep(0.05)


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
        self.busy_answers = 0  # this many next recipients are answered "451 try again later"
        self.attempts = []  # (time.monotonic(), address) of every recipient offered
        self.messages = []
        self.raw = []  # the bytes of each message as the server received them (dot-stuffing undone)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.attempts.append((time.monotonic(), address))
        if address in self.refused:
            return "550 No such mailbox"
        if self.busy_answers > 0:
            self.busy_answers -= 1
            return "451 Too busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.raw.append(envelope.original_content)
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


POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture
def private_postgres():
    """A PostgreSQL cluster of this test's own (never the shared one), which the test may stop and restart.

    Yields a dict: `url` (a database `letsconnect`, created empty), `restart()`, `stop()`, `start()`. initdb
    refuses to run as root, so the cluster belongs to the `postgres` OS user."""
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (POSTGRES_BIN / name).exists()]
    if missing:
        pytest.fail(f"PostgreSQL 15 binaries are missing from {POSTGRES_BIN}: {', '.join(missing)} (apt install "
                    "postgresql-15).")  # fmt: skip
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    directory = Path(tempfile.mkdtemp(prefix="letsconnect-pg-"))
    if as_postgres:
        shutil.chown(directory, user="postgres", group="postgres")
    data, port = directory / "data", free_port()

    def pg_ctl(*arguments):
        command = [*as_postgres, str(POSTGRES_BIN / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"),
                   *arguments]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            pytest.fail(f"pg_ctl {' '.join(arguments)} failed: {done.stderr or done.stdout}")

    subprocess.run([*as_postgres, str(POSTGRES_BIN / "initdb"), "-D", str(data), "--auth=trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
    server = {"url": f"postgres://postgres@127.0.0.1:{port}/letsconnect", "port": port}
    server["start"] = lambda: pg_ctl("-o", options, "-w", "start")
    server["stop"] = lambda: pg_ctl("-m", "fast", "-w", "stop")
    server["restart"] = lambda: pg_ctl("-o", options, "-m", "fast", "-w", "restart")
    server["start"]()
    try:
        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE letsconnect")
        yield server
    finally:
        subprocess.run([*as_postgres, str(POSTGRES_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(directory, ignore_errors=True)


class SwitchableProxy(socketserver.ThreadingTCPServer):
    """A TCP server on a free local port that either holds every connection open without answering (a black
    hole: a server that accepts but never replies) or forwards it to `target` (`forward_to(port)`)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.target = None
        self.held = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.port = self.server_address[1]

    def forward_to(self, port):
        """From now on new connections reach `port`; those held by the black hole are dropped."""
        self.target = port
        for connection in list(self.held):
            connection.close()

    def black_hole(self):
        self.target = None


class _ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        if self.server.target is None:
            self.server.held.append(self.request)
            while self.server.target is None:  # never answer; read and drop whatever is sent
                try:
                    self.request.settimeout(0.2)
                    if self.request.recv(65536) == b"":
                        return
                except TimeoutError:
                    continue
                except OSError:
                    return
            return
        with socket.create_connection(("127.0.0.1", self.server.target)) as upstream:
            pumps = [threading.Thread(target=_pump, args=pair, daemon=True)
                     for pair in ((self.request, upstream), (upstream, self.request))]  # fmt: skip
            for pump in pumps:
                pump.start()
            for pump in pumps:
                pump.join()


def _pump(source, destination):
    try:
        while chunk := source.recv(65536):
            destination.sendall(chunk)
    except OSError:
        pass
    finally:
        for end in (source, destination):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def black_hole():
    """A server that accepts TCP connections and never answers; `black_hole.forward_to(port)` makes it a proxy."""
    server = SwitchableProxy()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    for connection in server.held:
        connection.close()
