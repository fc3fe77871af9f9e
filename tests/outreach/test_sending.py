"""Announcements go out through the outbox: shared SMTP connections, refused addresses marked, leases taken over."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from mail import sender
from mail.models import Email
from outreach import services
from outreach.models import Announcement
from tests.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


def _people(opted_in, count):
    return [opted_in(user__email=f"person{number:02}@example.org") for number in range(count)]


def _approved(*, commit_callbacks):
    announcement = AnnouncementFactory()
    with commit_callbacks(execute=False):
        services.approve_announcement(announcement_id=announcement.pk, user=None)
    return announcement


def test_a_batch_shares_one_smtp_connection(opted_in, smtp_backend, settings, django_capture_on_commit_callbacks):
    settings.MAIL_BATCH_SIZE = 5
    _people(opted_in, 7)
    announcement = _approved(commit_callbacks=django_capture_on_commit_callbacks)

    outcome = sender.send_due()

    assert (outcome.claimed, outcome.sent) == (7, 7)
    assert smtp_backend.connections == 2
    assert len(smtp_backend.messages) == 7
    assert smtp_backend.messages[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Announcement.objects.get(pk=announcement.pk).status == Announcement.Status.SENT


def test_a_refused_address_is_marked_and_skipped_next_time(opted_in, smtp_backend, django_capture_on_commit_callbacks):
    gone, present = _people(opted_in, 2)
    smtp_backend.refused.add(gone.user.email)
    first = _approved(commit_callbacks=django_capture_on_commit_callbacks)

    outcome = sender.send_due()
    second = _approved(commit_callbacks=django_capture_on_commit_callbacks)
    sender.send_due()

    gone.refresh_from_db()
    assert (outcome.sent, outcome.failed) == (1, 1)
    assert Email.objects.get(group=f"announcement:{first.pk}", recipient=gone.user).last_error == (
        "550 5.1.1 No such user here"
    )
    assert gone.refused_email == gone.user.email
    assert smtp_backend.recipients() == [present.user.email, present.user.email]
    assert list(Email.objects.filter(group=f"announcement:{second.pk}").values_list("recipient", flat=True)) == [
        present.user_id
    ]


def test_rows_a_dead_worker_had_leased_are_sent_once_its_lease_ends(
    opted_in, smtp_backend, settings, django_capture_on_commit_callbacks
):
    _people(opted_in, 6)
    _approved(commit_callbacks=django_capture_on_commit_callbacks)
    sender.claim(batch_size=2)  # then it "dies"

    while_leased = sender.send_due()
    Email.objects.filter(lease_until__isnull=False).update(lease_until=timezone.now() - timedelta(seconds=1))
    after_lease = sender.send_due()

    assert (while_leased.sent, after_lease.sent) == (4, 2)
    assert smtp_backend.recipients() == [f"person{number:02}@example.org" for number in range(6)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_interrupted_send_resumes_in_a_real_worker_without_duplicates(
    opted_in, smtp_sink, worker_sends_to_sink, celery_workers, tmp_path
):
    people = _people(opted_in, 10)
    smtp_sink.fail_at = 6  # the mail server stumbles on the sixth message (451, once)
    announcement = AnnouncementFactory()
    celery_workers.start(beat_schedule=tmp_path / "beat")

    services.approve_announcement(announcement_id=announcement.pk, user=None)  # commits, then the sender starts
    deadline = time.monotonic() + 60
    while Announcement.objects.get(pk=announcement.pk).status != Announcement.Status.SENT:
        assert time.monotonic() < deadline, "the announcement was not sent in time"
        time.sleep(0.2)

    assert smtp_sink.recipients() == sorted(person.user.email for person in people)
    assert Email.objects.filter(group=f"announcement:{announcement.pk}", state="sent").count() == 10
    # Which message is the sixth to reach the sink depends on how the worker's senders share the batches: the one
    # it stumbled on, and only that one, was tried twice.
    (stumbled,) = smtp_sink.stumbled_on
    emails = Email.objects.filter(group=f"announcement:{announcement.pk}").select_related("recipient")
    attempts = {email.to: email.attempts for email in emails}
    assert attempts == {person.user.email: 2 if person.user.email == stumbled else 1 for person in people}
