"""Reminders really delivered: a Celery worker process, a real SMTP server, a worker killed mid-sweep,
two sweeps at once, and Redis going away and coming back."""

import os
import signal
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from clinics import reminders, tasks
from clinics.models import Registration, Reminder
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


def test_a_worker_delivers_the_reminder_to_a_real_smtp_server(celery_workers, smtp_sink):
    celery_workers.start(env={"EMAIL_URL": smtp_sink.url, "REMINDER_SENDERS": "4"})
    clinic = _clinic_starting_in(hours=20)
    RegistrationFactory(
        clinic=clinic,
        participant=ParticipantFactory(user__email="amelie@example.org", email_language="fr", display_name="Amélie"),
        created_at=clinic.start - timedelta(days=7),
    )

    result = tasks.send_due_reminders.apply_async(queue=celery_workers.queue).get(timeout=30)

    assert result == {"planned": 1, "sent": 1, "skipped": 0, "failed": 0}
    [message] = smtp_sink.messages
    assert message["To"] == "amelie@example.org"
    assert message["Subject"].strip() == "[Let's Connect] À venir\u00a0: Writing a grant proposal"
    assert f"http://127.0.0.1:8000/fr/clinics/{clinic.slug}/" in message.get_content()
    assert "Amélie" in message.get_content()  # put into the message built once for everyone
    assert Reminder.objects.get().state == Reminder.State.SENT


def test_a_worker_killed_mid_sweep_loses_no_reminder_and_repeats_at_most_those_in_flight(celery_workers, smtp_sink):
    clinic = _clinic_starting_in(hours=20)
    everyone = _registered_people(clinic, 150)
    smtp_sink.delay = 0.02
    first = celery_workers.start(env={"EMAIL_URL": smtp_sink.url, "REMINDER_SENDERS": "4"})

    tasks.send_due_reminders.apply_async(queue=celery_workers.queue)
    delivered_before_the_kill = len(smtp_sink.wait_for(20))
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert 20 <= delivered_before_the_kill < 150
    assert Reminder.objects.filter(state=Reminder.State.SENDING).exists()  # killed with a batch in hand
    # The rows the dead worker claimed stay claimed until the claim times out; beat keeps sweeping meanwhile.
    smtp_sink.delay = 0
    celery_workers.start(env={"EMAIL_URL": smtp_sink.url, "REMINDER_SENDERS": "4"})
    later = (timezone.now() + reminders.CLAIM_TIMEOUT + timedelta(minutes=1)).isoformat()
    tasks.send_due_reminders.apply_async(kwargs={"now": later}, queue=celery_workers.queue).get(timeout=60)

    received = smtp_sink.recipients()
    assert sorted(set(received)) == everyone
    assert len(received) - len(everyone) <= 4  # one in flight per sender thread
    assert Reminder.objects.filter(state=Reminder.State.SENT).count() == 150
    message_ids = [message["Message-ID"] for message in smtp_sink.messages]
    assert len(set(message_ids)) == len(message_ids)  # each copy of a shared message has its own


def test_two_sweeps_at_once_never_send_the_same_reminder_twice(
    transactional_db, django_db_serialized_rollback, smtp_sink, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    smtp_sink.delay = 0.005
    everyone = _registered_people(_clinic_starting_in(hours=20), 120)
    start_together = threading.Barrier(2)
    results = []

    def sweep():
        start_together.wait()
        try:
            results.append(reminders.sweep(batch_size=10, senders=1))
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=sweep) for _ in range(2)]
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
        "REMINDER_SENDERS": "4",
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
    back = reminders.sweep()

    assert (down.sent, back.sent) == (0, 3)
    assert sorted(smtp_sink.recipients()) == everyone
    assert list(Reminder.objects.values_list("state", "attempts")) == [("sent", 1)] * 3  # no fault of theirs


@pytest.mark.django_db
def test_a_refused_address_is_retried_later_then_given_up_while_the_others_go_out(smtp_settings, smtp_sink):
    _registered_people(_clinic_starting_in(hours=20), 3)
    smtp_settings.EMAIL_PORT = smtp_sink.port
    smtp_sink.refused = {"person1@example.org"}

    first = reminders.sweep()
    refused = Reminder.objects.get(participant__user__email="person1@example.org")
    assert (first.sent, refused.state, refused.attempts) == (2, "pending", 1)
    assert refused.last_error.startswith("{'person1@example.org': (550, b'No such mailbox')}")
    for attempt in range(2, reminders.MAX_ATTEMPTS + 1):
        reminders.sweep(now=timezone.now() + reminders.RETRY_AFTER * attempt * attempt)

    refused.refresh_from_db()
    assert (refused.state, refused.attempts) == ("failed", reminders.MAX_ATTEMPTS)
    assert sorted(smtp_sink.recipients()) == ["person0@example.org", "person2@example.org"]
