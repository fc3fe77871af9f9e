"""Participants write to each other through the site without seeing each other's email address."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from skills.messaging import RATE_LIMITS
from skills.models import Message
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender():
    return ParticipantFactory(user__username="camila", user__email="camila@example.org", display_name="Camila Silva")


@pytest.fixture
def recipient():
    return ParticipantFactory(
        user__username="layla", user__email="layla@example.org", display_name="Layla", email_language="ar"
    )


def _send(client, recipient, body="Hello! Can we talk about Wikidata?", **extra):
    return client.post(reverse("skills:message", kwargs={"username": recipient.user.username}), {"body": body, **extra})


def test_a_message_is_emailed_in_the_recipients_language_without_showing_addresses(
    client, sender, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(sender.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, recipient)

    email = mailoutbox[0]
    assert response.status_code == 302
    assert email.to == ["layla@example.org"]
    assert email.reply_to == []
    assert "camila@example.org" not in email.body
    assert "Hello! Can we talk about Wikidata?" in email.body
    assert "/ar/messages/" in email.body  # the report link, in Arabic like the rest
    assert "layla@example.org" not in client.get(recipient.get_absolute_url()).content.decode()
    assert Message.objects.get().emailed_at is not None


def test_the_reply_address_is_the_senders_only_if_the_sender_agreed(
    client, sender, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(sender.user)

    with django_capture_on_commit_callbacks(execute=True):
        _send(client, recipient, reply_to_sender="on")

    assert mailoutbox[0].reply_to == ["camila@example.org"]


def test_recipients_who_turned_messages_off_receive_none(client, sender, recipient, mailoutbox):
    recipient.messages_enabled = False
    recipient.save()
    client.force_login(sender.user)

    response = _send(client, recipient)

    assert response.status_code == 200
    assert "Messages are turned off" in response.content.decode()
    assert Message.objects.count() == 0


def test_an_unlisted_participant_cannot_be_messaged(client, sender, recipient):
    recipient.listed = False
    recipient.save()
    client.force_login(sender.user)

    assert _send(client, recipient).status_code == 404


def test_a_sender_is_stopped_after_the_hourly_limit_with_a_clear_message(client, sender, recipient):
    client.force_login(sender.user)
    hourly_limit = RATE_LIMITS[0][1]
    for _number in range(hourly_limit):
        assert _send(client, recipient).status_code == 302

    response = _send(client, recipient)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "You have sent many messages in a short time. Please wait before sending more."
    ]
    assert Message.objects.count() == hourly_limit


def test_an_empty_or_too_long_message_is_refused(client, sender, recipient):
    client.force_login(sender.user)

    assert _send(client, recipient, body="").status_code == 400
    assert _send(client, recipient, body="x" * 2001).status_code == 400
    assert Message.objects.count() == 0


def test_a_reported_message_reaches_the_liaisons_once(
    client, sender, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    liaison = UserFactory(is_staff=True, email="liaison@example.org")
    liaison.groups.add(Group.objects.get(name="Liaison"))
    message = Message.objects.create(sender=sender, recipient=recipient, body="Spam spam")
    report_url = reverse("skills:report_message", kwargs={"token": message.token})

    assert client.get(report_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url)
        client.post(report_url)

    message.refresh_from_db()
    assert message.reported_at is not None
    assert [email.to for email in mailoutbox] == [["liaison@example.org"]]
    assert "Spam spam" in mailoutbox[0].body


def test_an_unknown_report_link_is_not_found(client):
    assert client.get("/en/messages/00000000-0000-0000-0000-000000000000/report/").status_code == 404
