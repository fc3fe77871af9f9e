"""Production processes log one JSON object a line (site, gunicorn and its access log, Celery worker), and send
unhandled errors to Sentry when SENTRY_DSN is set, without personal data. Real processes, a real HTTP sink."""

import gzip
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from tests.conftest import BASE_DIR, free_port
from tests.factories import ParticipantFactory


def _environment(**extra):
    db = settings.DATABASES["default"]
    return os.environ | {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "log-test-secret",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "LOG_LEVEL": "INFO",
        **extra,
    }


def _json_lines(text):
    """Every line that is a JSON object; fails on a line that starts like one but does not parse."""
    records = []
    for line in text.splitlines():
        if line.startswith("{"):
            records.append(json.loads(line))
    return records


def test_a_production_process_logs_each_record_as_one_json_object_with_level_logger_and_message():
    script = 'import logging; logging.getLogger("clinics.demo").warning("RSVP for %s failed", "Ana \\"Nana\\" Ruiz")'
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    records = [record for record in _json_lines(result.stderr) if record.get("logger") == "clinics.demo"]
    assert [(r["level"], r["message"]) for r in records] == [("WARNING", 'RSVP for Ana "Nana" Ruiz failed')]
    assert {"time", "process"} <= records[0].keys()


def test_a_debug_process_logs_plain_lines_for_people_reading_a_terminal():
    script = 'import logging; logging.getLogger("clinics.demo").warning("plain words")'
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=_environment(DJANGO_DEBUG="1"),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert "WARNING clinics.demo: plain words" in result.stderr
    assert _json_lines(result.stderr) == []


@pytest.mark.django_db  # the site process reads the test database (its tables; no rows are needed)
def test_gunicorn_started_with_the_deploy_config_logs_its_requests_as_json_lines(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "letsconnect.wsgi"],
            cwd=BASE_DIR,
            env=_environment(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1"),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/en/clinics/", headers={"User-Agent": 'Probe "quoted" agent'}
                )
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 -- our own local server
                    assert response.status == 200
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not answer:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)

    records = _json_lines(log.read_text())
    access = [record for record in records if record["logger"] == "gunicorn.access"]
    assert [(r["method"], r["path"], r["status"], r["user_agent"]) for r in access] == [
        ("GET", "/en/clinics/", 200, 'Probe "quoted" agent')
    ]
    assert access[0]["duration_ms"] >= 0
    assert any(r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records)


def test_a_celery_worker_logs_as_json_lines_at_the_level_it_was_started_with(tmp_path):
    log = tmp_path / "worker.log"
    queue = f"log-test-{uuid.uuid4().hex[:8]}"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [*CELERY_WORKER, "-Q", queue, "-n", f"{queue}@localhost", "--loglevel", "INFO"],
            cwd=BASE_DIR,
            env=_environment(CELERY_TASK_ALWAYS_EAGER="0"),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while " ready." not in log.read_text():
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    records = _json_lines(log.read_text())
    ready = [record for record in records if record["message"].endswith(" ready.")]
    assert [(r["level"], r["logger"]) for r in ready] == [("INFO", "celery.apps.worker")]


CELERY_WORKER = [sys.executable, "-m", "celery", "-A", "letsconnect", "worker", "--pool", "solo", "--without-gossip",
                 "--without-mingle"]  # fmt: skip


class _SentrySink(BaseHTTPRequestHandler):
    """Sentry's ingestion endpoint, as far as the SDK needs it: keeps every envelope it receives."""

    envelopes: list

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # the SDK prefers Brotli when the module is installed (locust brings it)
            import brotli

            body = brotli.decompress(body)
        self.envelopes.append(body.decode())
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


ERROR_IN_A_VIEW = """
import os
import sentry_sdk
from django.test import Client
from home import views
from participants.models import User

def broken(self, **kwargs):
    raise RuntimeError("the home page broke")

views.HomeView.get_context_data = broken
user = User.objects.get(pk=os.environ["PROBE_USER"])
client = Client(raise_request_exception=False)
client.force_login(user)
print(client.get("/en/", HTTP_COOKIE=os.environ["PROBE_COOKIE"]).status_code)
sentry_sdk.flush(timeout=10)
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_sentry_dsn_an_unhandled_error_is_reported_without_the_persons_data():
    user = ParticipantFactory(user__email="private.person@example.org").user
    port = free_port()
    handler = type("Sink", (_SentrySink,), {"envelopes": []})
    sink = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", ERROR_IN_A_VIEW],
            cwd=BASE_DIR,
            env=_environment(
                SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/1",
                PROBE_USER=str(user.pk),
                PROBE_COOKIE="sessionid=should-not-leak",
            ),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        sink.shutdown()

    assert result.stdout.split()[-1:] == ["500"], result.stderr[-3000:]
    reported = "\n".join(handler.envelopes)
    assert "the home page broke" in reported
    assert "RuntimeError" in reported
    for private in ("private.person@example.org", "should-not-leak"):
        assert private not in reported


def test_without_sentry_dsn_nothing_is_sent_anywhere():
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "import sentry_sdk; print(sentry_sdk.get_client().is_active())"],
        cwd=BASE_DIR,
        env={key: value for key, value in _environment().items() if key != "SENTRY_DSN"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.stdout.split()[-1:] == ["False"], result.stderr[-2000:]
