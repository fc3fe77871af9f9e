"""A mail server that refuses: email tasks retry with growing delays and deliver once it accepts; a refusal for
good (550), or a server that never comes back, is recorded as undelivered and the worker carries on. A real worker
and a real SMTP server (aiosmtpd) of the test's own."""

import itertools
import time

import pytest

from clinics.models import Registration
from clinics.tasks import send_registration_email
from letsconnect.celery import app as celery_app
from letsconnect.models import UndeliveredEmail
from participants.models import Participant
from tests.conftest import free_port
from tests.factories import ClinicFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.outage


def _registration(email):
    return RegistrationFactory(
        clinic=ClinicFactory(title="Grants 101"), participant=ParticipantFactory(user__email=email)
    )


def _wait_until(condition, *, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_a_busy_mail_server_is_retried_with_growing_delays_until_it_accepts(celery_workers, smtp_sink):
    registration = _registration("ana@example.org")
    smtp_sink.busy_answers = 3
    celery_workers.start(env={"EMAIL_URL": smtp_sink.url, "EMAIL_RETRY_BACKOFF": "1", "EMAIL_RETRY_MAX": "5"})

    send_registration_email.apply_async((registration.pk, "registered"), queue=celery_workers.queue)
    messages = smtp_sink.wait_for(1, timeout=60)

    times = [at for at, _address in smtp_sink.attempts]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert [message["To"] for message in messages] == ["ana@example.org"]
    assert len(gaps) == 3
    # Each delay is drawn from the upper half of 1, 2, 4 s: they grow.
    assert [0.5 <= gaps[0] < 1.5, 1 <= gaps[1] < 2.5, 2 <= gaps[2] < 4.5] == [True] * 3, gaps
    assert UndeliveredEmail.objects.count() == 0


def test_a_mailbox_refused_for_good_is_recorded_at_once_and_the_worker_sends_the_next_email(celery_workers, smtp_sink):
    gone, present = _registration("gone@example.org"), _registration("ana@example.org")
    smtp_sink.refused.add("gone@example.org")
    celery_workers.start(env={"EMAIL_URL": smtp_sink.url, "EMAIL_RETRY_BACKOFF": "1", "EMAIL_RETRY_MAX": "5"})

    send_registration_email.apply_async((gone.pk, "registered"), queue=celery_workers.queue)
    send_registration_email.apply_async((present.pk, "registered"), queue=celery_workers.queue)
    messages = smtp_sink.wait_for(1, timeout=60)
    recorded = _wait_until(lambda: UndeliveredEmail.objects.exists())
    time.sleep(1.5)  # a retry would have come by now

    assert recorded
    assert [message["To"] for message in messages] == ["ana@example.org"]
    assert [address for _at, address in smtp_sink.attempts] == ["gone@example.org", "ana@example.org"]
    assert list(UndeliveredEmail.objects.values_list("task", "args", "attempts", "permanent", "error")) == [
        ("clinics.tasks.send_registration_email", [gone.pk, "registered"], 1, True, "550 No such mailbox")
    ]
    assert Participant.objects.get(pk=gone.participant_id).refused_email == "gone@example.org"
    assert Registration.objects.get(pk=gone.pk).status == "registered"


def test_a_mail_server_that_never_answers_is_given_up_after_the_last_retry_and_recorded(celery_workers):
    registration = _registration("ana@example.org")
    closed = free_port()  # nothing listens there: every connection is refused
    worker = celery_workers.start(env={"EMAIL_URL": f"smtp://127.0.0.1:{closed}", "EMAIL_RETRY_BACKOFF": "0.2",
                                       "EMAIL_RETRY_MAX": "3"})  # fmt: skip

    send_registration_email.apply_async((registration.pk, "registered"), queue=celery_workers.queue)
    recorded = _wait_until(lambda: UndeliveredEmail.objects.exists())

    assert recorded
    failure = UndeliveredEmail.objects.get()
    assert (failure.task, failure.args, failure.attempts, failure.permanent) == (
        "clinics.tasks.send_registration_email", [registration.pk, "registered"], 4, False,
    )  # fmt: skip
    assert failure.error.startswith("ConnectionRefusedError")
    assert Participant.objects.get(pk=registration.participant_id).refused_email == ""
    hostname = f"{celery_workers.queue}-0@localhost"
    assert (worker.poll(), len(celery_app.control.ping(destination=[hostname], timeout=2))) == (None, 1)


def test_signing_up_while_the_mail_server_refuses_connections_succeeds_and_records_the_email(client, settings, db):
    # Account emails (allauth's) are sent by a task too; run eagerly here, it gives up at once and records it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()

    response = client.post(
        "/en/accounts/signup/",
        {"email": "kaya@example.org", "username": "kaya", "password1": "a long and unusual passphrase"},
    )

    assert (response.status_code, response["Location"]) == (302, "/en/accounts/confirm-email/")
    assert list(UndeliveredEmail.objects.values_list("task", "args", "kwargs", "permanent")) == [
        ("participants.tasks.send_account_email", ["account/email/email_confirmation_signup"], {}, False)
    ]
