"""Reminders really delivered through the outbox: a Celery worker process, a real SMTP server, a worker killed
mid-send, two senders at once, and Redis going away and coming back."""

import os
import signal
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from clinics import reminders, tasks
from clinics.models import Registration
from mail import sender
from mail.marks import IN_FLIGHT
from mail.models import Email
from participants.models import Participant, User
from tests.conftest import free_port
from tests.factories import ClinicFactory, ParticipantFactory, RegistrationFactory


def _clinic_starting_in(hours):
    return ClinicFactory(start=timezone.now() + timedelta(hours=hours), title="Writing a grant proposal")


def _registered_people(clinic, count):
    """`count` people registered for `clinic` a week ago, in bulk (hashing passwords would take minutes)."""
    users = User.objects.bulk_create(
        User(username=f"person{number}", email=f"person{number}@example.org", password="!") for number in range(count)
    )
    people = Participant.objects.bulk_create(
        Participant(user=user, display_name=user.username, country_id="KE") for user in users
    )
    Registration.objects.bulk_create(
        Registration(clinic=clinic, participant=person, created_at=clinic.start - timedelta(days=7))
        for person in people
    )
    return sorted(user.email for user in users)


def _worker_env(smtp_sink, **settings):
    return {"EMAIL_URL": smtp_sink.url, "MAIL_RATE": "100000", "MAIL_SWEEP_SECONDS": "1"} | {
        name: str(value) for name, value in settings.items()
    }


def test_a_worker_delivers_the_reminder_to_a_real_smtp_server(celery_workers, smtp_sink, tmp_path):
    celery_workers.start(env=_worker_env(smtp_sink), beat_schedule=tmp_path / "beat")
    clinic = _clinic_starting_in(hours=20)
    RegistrationFactory(
        clinic=clinic,
        participant=ParticipantFactory(user__email="amelie@example.org", email_language="fr", display_name="Amélie"),
        created_at=clinic.start - timedelta(days=7),
    )

    planned = tasks.plan_reminders.apply_async(queue=celery_workers.queue).get(timeout=30)
    [message] = smtp_sink.wait_for(1)

    assert planned == 1
    assert message["To"] == "amelie@example.org"
    assert message["Subject"].strip() == "[Let's Connect] À venir\u00a0: Writing a grant proposal"
    assert f"http://127.0.0.1:8000/fr/clinics/{clinic.slug}/" in message.get_content()
    assert "Amélie" in message.get_content()  # put into the text rendered once for everyone
    time.sleep(0.5)
    assert Email.objects.get().state == Email.State.SENT


def test_a_worker_killed_mid_send_loses_no_reminder_and_repeats_at_most_those_in_flight(
    celery_workers, smtp_sink, tmp_path
):
    clinic = _clinic_starting_in(hours=20)
    everyone = _registered_people(clinic, 150)
    smtp_sink.delay = 0.02
    env = _worker_env(smtp_sink, MAIL_LEASE_SECONDS=4, MAIL_BATCH_SIZE=25)
    first = celery_workers.start(env=env, beat_schedule=tmp_path / "first-beat")

    tasks.plan_reminders.apply_async(queue=celery_workers.queue)
    delivered_before_the_kill = len(smtp_sink.wait_for(20))
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert 20 <= delivered_before_the_kill < 150
    assert Email.objects.filter(state=Email.State.SENDING).exists()  # killed with a batch in hand
    # Its task stays unacknowledged in the broker; beat's sweep takes over the batch once the lease ends.
    smtp_sink.delay = 0
    celery_workers.start(env=env, beat_schedule=tmp_path / "second-beat")
    deadline = time.monotonic() + 60
    while Email.objects.exclude(state=Email.State.SENT).exists() and time.monotonic() < deadline:
        time.sleep(0.2)

    received = smtp_sink.recipients()
    assert sorted(set(received)) == everyone
    assert len(received) - len(everyone) <= IN_FLIGHT  # the messages in flight at the kill
    assert Email.objects.filter(state=Email.State.SENT).count() == 150


def test_two_senders_at_once_never_send_the_same_reminder_twice(
    transactional_db, django_db_serialized_rollback, smtp_sink, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.MAIL_BATCH_SIZE = 10
    smtp_sink.delay = 0.005
    # Due an hour from now: the sender that writing them starts (eagerly, in this thread) finds nothing due yet.
    everyone = _registered_people(_clinic_starting_in(hours=25), 120)
    later = timezone.now() + timedelta(hours=2)
    reminders.plan(now=later)
    start_together = threading.Barrier(2)
    results = []

    def send():
        start_together.wait()
        try:
            results.append(sender.send_due(now=later))
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(smtp_sink.recipients()) == everyone
    assert sum(result.sent for result in results) == 120
    assert all(result.sent > 0 for result in results)  # both really took part


def test_the_beat_sweep_resumes_and_sends_once_redis_is_back(celery_workers, smtp_sink, private_redis, tmp_path):
    clinic = _clinic_starting_in(hours=20)
    RegistrationFactory(
        clinic=clinic,
        participant=ParticipantFactory(user__email="before@example.org"),
        created_at=clinic.start - timedelta(days=7),
    )
    environment = {
        "EMAIL_URL": smtp_sink.url,
        "REDIS_URL": private_redis["url"],
        "REMINDER_SWEEP_SECONDS": "1",
        "MAIL_SWEEP_SECONDS": "1",
    }
    celery_workers.start(env=environment, wait=False, beat_schedule=tmp_path / "beat-schedule")
    assert [message["To"] for message in smtp_sink.wait_for(1, timeout=60)] == ["before@example.org"]

    private_redis["stop"]()
    time.sleep(2)  # a sweep already taken from the queue has finished
    RegistrationFactory(
        clinic=clinic,
        participant=ParticipantFactory(user__email="during@example.org"),
        created_at=clinic.start - timedelta(days=7),
    )
    time.sleep(3)
    assert smtp_sink.recipients() == ["before@example.org"]  # no broker, no sweep
    private_redis["restart"]()

    assert [message["To"] for message in smtp_sink.wait_for(2, timeout=60)] == [
        "before@example.org",
        "during@example.org",
    ]


@pytest.fixture
def smtp_settings(settings):
    """Send from the test's own thread over real SMTP; point `settings.EMAIL_PORT` at a server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    return settings


@pytest.mark.django_db
def test_reminders_wait_while_the_mail_server_is_down_and_go_out_when_it_is_back(smtp_settings, smtp_sink):
    everyone = _registered_people(_clinic_starting_in(hours=20), 3)
    smtp_settings.EMAIL_PORT = free_port()  # nothing listens there

    down = reminders.sweep()
    smtp_settings.EMAIL_PORT = smtp_sink.port
    back = reminders.sweep(now=timezone.now() + timedelta(minutes=2))  # after the first retry delay

    assert (down.sent, back.sent) == (0, 3)
    assert sorted(smtp_sink.recipients()) == everyone
    assert list(Email.objects.values_list("state", "attempts")) == [("sent", 2)] * 3  # tried again once


@pytest.mark.django_db
def test_a_refused_address_fails_at_once_is_recorded_and_the_others_go_out(smtp_settings, smtp_sink):
    _registered_people(_clinic_starting_in(hours=20), 3)
    smtp_settings.EMAIL_PORT = smtp_sink.port
    smtp_sink.refused = {"person1@example.org"}

    first = reminders.sweep()
    again = reminders.sweep(now=timezone.now() + timedelta(hours=1))

    refused = Email.objects.get(recipient__email="person1@example.org")
    assert (first.sent, first.failed, again.sent, again.failed) == (2, 1, 0, 0)
    assert (refused.state, refused.attempts, refused.last_error) == ("failed", 1, "550 No such mailbox")
    assert Participant.objects.get(user__email="person1@example.org").refused_email == "person1@example.org"
    assert sorted(smtp_sink.recipients()) == ["person0@example.org", "person2@example.org"]
    assert [address for _time, address in smtp_sink.attempts].count("person1@example.org") == 1
