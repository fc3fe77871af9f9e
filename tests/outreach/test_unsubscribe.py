"""One-click unsubscribe (RFC 8058): a signed link, no sign-in, effective at once."""

import pytest
from django.core import signing
from django.test import Client

from mail import sender
from mail.models import Email
from outreach import services
from outreach.emails import unsubscribe_token, unsubscribe_url
from participants.models import Participant
from tests.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


def _path(participant, *, digest=False):
    return unsubscribe_url(participant, digest=digest).removeprefix("http://127.0.0.1:8000")


def test_the_link_asks_for_confirmation_without_sign_in_and_changes_nothing_on_get(opted_in):
    participant = opted_in(email_language="fr")

    response = Client().get(_path(participant))

    participant.refresh_from_db()
    assert response.status_code == 200
    assert response.wsgi_request.LANGUAGE_CODE == "fr"
    assert participant.announcements_enabled is True


def test_a_one_click_post_without_cookie_or_csrf_token_unsubscribes_at_once(opted_in):
    participant = opted_in()
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(_path(participant), {"List-Unsubscribe": "One-Click"})

    participant.refresh_from_db()
    assert response.status_code == 200
    assert participant.announcements_enabled is False


def test_the_digest_link_stops_only_the_digest(opted_in):
    participant = opted_in()

    Client().post(_path(participant, digest=True))

    participant.refresh_from_db()
    assert (participant.announcements_enabled, participant.digest_enabled) == (True, False)


def test_a_forged_link_is_not_found(opted_in):
    participant = opted_in()
    token = unsubscribe_token(participant, digest=False)
    other = opted_in()
    signature = token.rsplit(":", 1)[1]
    forged = signing.b64_encode(f'{{"p":{other.pk},"l":"a"}}'.encode()).decode() + ":" + signature

    assert Client().post(f"/en/u/{token[:-2]}xx/").status_code == 404
    assert Client().post(f"/en/u/{forged}/").status_code == 404
    assert Participant.objects.filter(announcements_enabled=False).count() == 0


def test_the_link_names_nobody_in_clear(opted_in):
    participant = opted_in(user__username="neema", user__email="neema@example.org", display_name="Neema")

    url = unsubscribe_url(participant, digest=False)

    assert "neema" not in url.lower()


def test_an_unsubscribed_person_is_skipped_by_the_next_send(opted_in, django_capture_on_commit_callbacks, mailoutbox):
    leaving, staying = opted_in(), opted_in()
    first, second = AnnouncementFactory(), AnnouncementFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_announcement(announcement_id=first.pk, user=None)

    Client().post(_path(leaving))
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_announcement(announcement_id=second.pk, user=None)

    assert [message.to for message in mailoutbox] == [
        [leaving.user.email],
        [staying.user.email],
        [staying.user.email],
    ]
    assert not Email.objects.filter(group=f"announcement:{second.pk}", recipient=leaving.user).exists()


def test_an_unsubscribe_during_a_send_skips_the_rows_not_yet_sent(opted_in, mailoutbox):
    leaving, staying = opted_in(), opted_in()
    announcement = AnnouncementFactory()
    services.approve_announcement(announcement_id=announcement.pk, user=None)  # not committed: nothing sent yet

    Client().post(_path(leaving))
    sender.send_due()

    assert [message.to for message in mailoutbox] == [[staying.user.email]]
    assert Email.objects.get(recipient=leaving.user).state == Email.State.SKIPPED
