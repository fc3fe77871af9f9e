"""Fixtures of the outreach tests: a real local SMTP server (aiosmtpd) to deliver to, and people who opted in."""

import socket
import threading
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from tests.factories import ParticipantFactory


class SmtpSink:
    """Accepts every message, except: addresses in `refused` (550 at RCPT) and the `fail_at`-th message
    (451 at DATA, once), to stand in for a mail server that bounces or stumbles."""

    def __init__(self):
        self.messages = []
        self.refused = set()
        self.fail_at = None
        self.stumbled_on = []  # the recipients of the message answered 451
        self.connections = 0
        self._data_count = 0
        self._lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self._lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self._data_count += 1
            if self._data_count == self.fail_at:
                self.stumbled_on = list(envelope.rcpt_tos)
                return "451 4.3.0 Please try again later"
            self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def recipients(self):
        return sorted(message["To"] for message in self.messages)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    sink.port = controller.port
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def smtp_backend(settings, smtp_sink):
    """This process sends over SMTP to the sink (tests otherwise collect emails in memory)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return smtp_sink


@pytest.fixture
def worker_sends_to_sink(smtp_sink, monkeypatch):
    """The environment the worker process starts with: the sink as its mail server, small fast batches, a retry
    a second later, beat's sweep every second."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{smtp_sink.port}")
    monkeypatch.setenv("MAIL_BATCH_SIZE", "4")
    monkeypatch.setenv("MAIL_RATE", "1000")
    monkeypatch.setenv("MAIL_SWEEP_SECONDS", "1")
    monkeypatch.setenv("EMAIL_RETRY_BACKOFF", "1")


@pytest.fixture
def opted_in():
    """A participant who accepts announcements (and so the digest)."""

    def make(**fields):
        return ParticipantFactory(announcements_enabled=True, **fields)

    return make
