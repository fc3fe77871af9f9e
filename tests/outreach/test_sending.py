"""The outbox sends over shared SMTP connections, marks refused addresses, and resumes without duplicates."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from outreach import outbox, services
from outreach.models import Announcement, Delivery
from tests.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


def _people(opted_in, count):
    return [opted_in(user__email=f"person{number:02}@example.org") for number in range(count)]


def _approved(*, commit_callbacks):
    announcement = AnnouncementFactory()
    with commit_callbacks(execute=False):
        services.approve_announcement(announcement_id=announcement.pk, user=None)
    return announcement


def test_a_batch_shares_one_smtp_connection(opted_in, smtp_backend, django_capture_on_commit_callbacks):
    _people(opted_in, 7)
    announcement = _approved(commit_callbacks=django_capture_on_commit_callbacks)

    first = services.send_announcement_batch(announcement_id=announcement.pk, batch_size=5)
    second = services.send_announcement_batch(announcement_id=announcement.pk, batch_size=5)

    assert (first.sent, first.more, second.sent, second.more) == (5, True, 2, False)
    assert smtp_backend.connections == 2
    assert len(smtp_backend.messages) == 7
    assert smtp_backend.messages[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Announcement.objects.get(pk=announcement.pk).status == Announcement.Status.SENT


def test_a_refused_address_is_marked_and_skipped_next_time(opted_in, smtp_backend, django_capture_on_commit_callbacks):
    gone, present = _people(opted_in, 2)
    smtp_backend.refused.add(gone.user.email)
    first = _approved(commit_callbacks=django_capture_on_commit_callbacks)

    outcome = services.send_announcement_batch(announcement_id=first.pk)
    second = _approved(commit_callbacks=django_capture_on_commit_callbacks)
    services.send_announcement_batch(announcement_id=second.pk)

    gone.refresh_from_db()
    assert (outcome.sent, outcome.failed) == (1, 1)
    assert Delivery.objects.get(announcement=first, participant=gone).detail == "550 5.1.1 No such user here"
    assert gone.refused_email == gone.user.email
    assert smtp_backend.recipients() == [present.user.email, present.user.email]
    assert list(Delivery.objects.filter(announcement=second).values_list("participant", flat=True)) == [present.pk]


def test_rows_a_dead_worker_had_claimed_are_sent_once_its_lease_ends(
    opted_in, smtp_backend, django_capture_on_commit_callbacks
):
    _people(opted_in, 6)
    announcement = _approved(commit_callbacks=django_capture_on_commit_callbacks)
    services.send_announcement_batch(announcement_id=announcement.pk, batch_size=2)
    outbox.claim(Delivery.objects.filter(announcement=announcement).query.where, batch_size=2)  # then it "dies"

    while_leased = services.send_announcement_batch(announcement_id=announcement.pk, batch_size=10)
    Delivery.objects.filter(lease_until__isnull=False).update(lease_until=timezone.now() - timedelta(seconds=1))
    after_lease = services.send_announcement_batch(announcement_id=announcement.pk, batch_size=10)

    assert (while_leased.sent, while_leased.more) == (2, True)
    assert (after_lease.sent, after_lease.more) == (2, False)
    assert smtp_backend.recipients() == [f"person{number:02}@example.org" for number in range(6)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_interrupted_send_resumes_in_a_real_worker_without_duplicates(opted_in, smtp_sink, outreach_worker):
    people = _people(opted_in, 10)
    smtp_sink.fail_at = 6  # the mail server stumbles in the middle of the second batch of 4
    announcement = AnnouncementFactory()

    services.approve_announcement(announcement_id=announcement.pk, user=None)  # commits, then enqueues
    deadline = time.monotonic() + 60
    while Announcement.objects.get(pk=announcement.pk).status != Announcement.Status.SENT:
        assert time.monotonic() < deadline, "the announcement was not sent in time"
        time.sleep(0.2)

    assert smtp_sink.recipients() == sorted(person.user.email for person in people)
    assert Delivery.objects.filter(announcement=announcement, status="sent").count() == 10
    assert Delivery.objects.get(announcement=announcement, participant=people[5]).attempts == 2
