"""The outbox with real Celery workers and a real SMTP server: a worker killed mid-send, a busy server."""

import time
from collections import Counter

from mail import services
from mail.marks import IN_FLIGHT
from mail.models import Email

from .conftest import account_email

EMAILS = 120


def worker_env(smtp_sink, **settings):
    return {"EMAIL_URL": smtp_sink.url, "MAIL_RATE": "100000", "MAIL_SWEEP_SECONDS": "1"} | {
        name: str(value) for name, value in settings.items()
    }


def wait_until(condition, *, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_worker_killed_mid_send_loses_nothing_and_the_sweep_takes_over_its_lease(celery_workers, smtp_sink, tmp_path):
    smtp_sink.delay = 0.02
    env = worker_env(smtp_sink, MAIL_LEASE_SECONDS=4, MAIL_BATCH_SIZE=20)
    worker = celery_workers.start(env=env, beat_schedule=tmp_path / "first-beat")
    services.write([account_email(number) for number in range(EMAILS)])
    smtp_sink.wait_for(30)

    worker.kill()  # SIGKILL: the task stays unacknowledged in the broker, its batch leased
    worker.wait()
    killed_at, arrived_before = time.monotonic(), len(smtp_sink.messages)
    leased = set(Email.objects.filter(state=Email.State.SENDING).values_list("key", flat=True))
    celery_workers.start(env=env, beat_schedule=tmp_path / "second-beat")
    resumed = wait_until(lambda: len(smtp_sink.messages) > arrived_before + IN_FLIGHT, timeout=60)
    resumed_after = time.monotonic() - killed_at
    finished = wait_until(lambda: not Email.objects.exclude(state=Email.State.SENT).exists(), timeout=90)

    copies = Counter(smtp_sink.recipients())
    assert resumed
    assert finished
    assert arrived_before < EMAILS
    assert leased  # the killed worker held a batch, which the sweep took over once its lease ended
    assert set(copies) == {f"person{number}@example.org" for number in range(EMAILS)}  # none lost
    assert sum(copies.values()) - EMAILS <= IN_FLIGHT  # duplicates: at most the marks in flight at the kill
    assert resumed_after < 30


def test_a_busy_server_is_tried_again_by_the_sweep_and_the_email_delivered(celery_workers, smtp_sink, tmp_path):
    smtp_sink.busy_answers = 1
    env = worker_env(smtp_sink, EMAIL_RETRY_BACKOFF=1)
    celery_workers.start(env=env, beat_schedule=tmp_path / "beat")

    services.write([account_email(1)])
    delivered = smtp_sink.wait_for(1, timeout=30)

    assert [address for _time, address in smtp_sink.attempts] == ["person1@example.org"] * 2
    assert [message["To"] for message in delivered] == ["person1@example.org"]
    assert wait_until(lambda: Email.objects.get().state == Email.State.SENT, timeout=10)
    assert Email.objects.get().attempts == 2
