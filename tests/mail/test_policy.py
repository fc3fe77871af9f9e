"""One SMTP policy for every email, against a real SMTP server (aiosmtpd) in this process."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from mail import sender, services
from mail.models import Email
from tests.factories import ParticipantFactory

from .conftest import account_email

pytestmark = pytest.mark.django_db


def test_a_due_email_is_sent_once_and_marked_sent(real_smtp):
    services.write([account_email(1)])

    first = sender.send_due()
    again = sender.send_due()

    email = Email.objects.get()
    assert (first.sent, again.claimed) == (1, 0)
    assert real_smtp.recipients() == ["person1@example.org"]
    assert (email.state, email.attempts, email.body, email.subject) == (Email.State.SENT, 1, "", "")
    assert email.sent_at is not None


def test_an_email_due_later_waits_and_an_expired_one_is_skipped(real_smtp):
    now = timezone.now()
    services.write([
        account_email(1, due_at=now + timedelta(hours=1)),
        account_email(2, due_at=now - timedelta(hours=2), expires_at=now - timedelta(hours=1)),
    ])  # fmt: skip

    sender.send_due()

    assert real_smtp.messages == []
    assert dict(Email.objects.values_list("key", "state")) == {"test:1": "pending", "test:2": "skipped"}


def test_a_4xx_answer_is_retried_after_a_growing_delay_then_delivered(real_smtp, settings):
    settings.EMAIL_RETRY_BACKOFF = 60
    real_smtp.busy_answers = 1
    services.write([account_email(1)])

    sender.send_due()
    email = Email.objects.get()
    waited = email.due_at - timezone.now()
    Email.objects.update(due_at=timezone.now())  # the clock moves past the delay
    sender.send_due()

    assert email.state == Email.State.PENDING
    assert email.last_error == "451 Too busy, try again later"
    assert timedelta(seconds=29) < waited <= timedelta(seconds=60)  # the upper half of the first delay
    assert Email.objects.get().state == Email.State.SENT
    assert real_smtp.recipients() == ["person1@example.org"]


def test_the_delays_grow_with_each_attempt_and_the_last_attempt_fails_the_email(real_smtp, settings):
    settings.EMAIL_RETRY_BACKOFF, settings.EMAIL_RETRY_MAX = 10, 3
    real_smtp.busy_answers = 10
    services.write([account_email(1)])
    delays = []

    for _attempt in range(3):
        sender.send_due()
        email = Email.objects.get()
        delays.append((email.due_at - timezone.now()).total_seconds())
        Email.objects.update(due_at=timezone.now())

    assert email.state == Email.State.FAILED
    assert email.attempts == 3
    assert 5 <= delays[0] <= 10
    assert 10 <= delays[1] <= 20
    assert real_smtp.messages == []


def test_a_5xx_refusal_fails_the_email_and_later_emails_to_that_address_are_skipped(real_smtp):
    participant = ParticipantFactory(user__email="Gone@Example.org")
    real_smtp.refused = {"Gone@Example.org"}
    services.write([account_email(1, address="Gone@Example.org", recipient=participant.user)])

    sender.send_due()
    services.write([account_email(2, address="Gone@Example.org", recipient=participant.user)])
    sender.send_due()

    participant.refresh_from_db()
    assert participant.refused_email == "gone@example.org"
    assert dict(Email.objects.values_list("key", "state")) == {"test:1": "failed", "test:2": "skipped"}
    assert Email.objects.get(key="test:1").last_error == "550 No such mailbox"
    assert [address for _time, address in real_smtp.attempts] == ["Gone@Example.org"]  # asked once, never again


def test_a_name_with_line_breaks_arrives_on_one_line_in_a_clean_message(real_smtp):
    """The SMTP smuggling pattern of the issue: bare CRs and a lone dot in a display name."""
    from mail.composers import personalise, slot

    name = "Alice\r.\r\nSMUGGLED\n.\nZ"
    body = personalise(f"Hello {slot('name')},\nsee you tomorrow.\n", {"name": name})
    services.write([account_email(1, body=body)])

    sender.send_due()

    raw = real_smtp.raw[0]
    assert re.search(rb"\r(?!\n)", raw) is None  # no bare CR
    assert re.search(rb"(?<!\r)\n", raw) is None  # no bare LF
    _head, _separator, text = raw.partition(b"\r\n\r\n")
    assert b"Hello Alice . SMUGGLED . Z,\r\nsee you tomorrow.\r\n" in text
    assert b"SMUGGLED\r\n" not in raw
    assert b"\r\n.\r\n" not in raw  # no line holding a lone dot: nothing could end the message early
    assert real_smtp.messages[0].get_content() == "Hello Alice . SMUGGLED . Z,\r\nsee you tomorrow.\r\n"


def test_a_connection_refused_puts_the_batch_back_for_later(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    services.write([account_email(1), account_email(2)])

    outcome = sender.send_due()

    assert (outcome.claimed, outcome.retried) == (2, 2)
    assert set(Email.objects.values_list("state", flat=True)) == {"pending"}
    assert all(email.due_at > timezone.now() for email in Email.objects.all())
    assert "ConnectionRefusedError" in Email.objects.first().last_error


def test_the_rate_limit_paces_the_batches(real_smtp, settings):
    settings.MAIL_RATE, settings.MAIL_BATCH_SIZE = 20, 5
    services.write([account_email(number) for number in range(10)])

    started = timezone.now()
    sender.send_due()
    elapsed = (timezone.now() - started).total_seconds()

    assert len(real_smtp.messages) == 10
    assert elapsed >= 0.45  # two batches of 5 at 20 per second: the first is followed by a quarter-second pause


def test_the_same_row_always_has_the_same_message_id(real_smtp):
    services.write([account_email(1), account_email(2)])
    first, second = Email.objects.order_by("pk")

    sender.send_due()

    ids = sorted(message["Message-ID"] for message in real_smtp.messages)
    assert ids == sorted([sender.message_id(first), sender.message_id(second)])


@pytest.fixture
def stored_text_for_every_kind():
    """Every kind composed from the row's own text: the policy under test is the sender's, the same for all."""
    from mail import composers

    saved = dict(composers._composers)
    for kind in Email.Kind.values:
        composers.register(kind, composers.stored)
    yield
    composers._composers.clear()
    composers._composers.update(saved)


@pytest.mark.usefixtures("stored_text_for_every_kind")
@pytest.mark.parametrize("kind", Email.Kind.values)
def test_a_5xx_refusal_is_recorded_once_and_skipped_after_for_every_kind(real_smtp, kind):
    participant = ParticipantFactory(user__email="gone@example.org")
    real_smtp.refused = {"gone@example.org"}
    first = services.email(key=f"{kind}:1", kind=kind, recipient=participant.user, subject="One", body="Text.")
    services.write([first])

    sender.send_due()
    services.write([services.email(key=f"{kind}:2", kind=kind, recipient=participant.user, body="Text again.")])
    sender.send_due()

    participant.refresh_from_db()
    assert participant.refused_email == "gone@example.org"
    assert list(Email.objects.order_by("key").values_list("state", "attempts")) == [("failed", 1), ("skipped", 1)]
    assert [address for _time, address in real_smtp.attempts] == ["gone@example.org"]  # asked once, for every kind
