"""A liaison previews an announcement as a chosen recipient gets it, in their language, then approves it once."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from mail.models import Email
from outreach import services
from outreach.models import Announcement
from participants.liaisons import LIAISON_GROUP
from tests.factories import AnnouncementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison_client(client):
    user = UserFactory(username="liaison", is_staff=True)
    user.groups.add(Group.objects.get(name=LIAISON_GROUP))
    client.force_login(user)
    return client


@pytest.fixture
def bilingual_announcement():
    return AnnouncementFactory(
        subject_en="Clinics in your language",
        body_en="Three new clinics are coming.",
        subject_es="Clínicas en tu idioma",
        body_es="Llegan tres clínicas nuevas.",
    )


def test_the_preview_is_in_the_chosen_recipients_language(liaison_client, bilingual_announcement, opted_in):
    opted_in(display_name="Ana", email_language="es")
    english = opted_in(display_name="Bob", email_language="en")
    url = reverse("admin:outreach_announcement_preview", args=[bilingual_announcement.pk])

    spanish_preview = liaison_client.get(url)
    english_preview = liaison_client.get(url, {"participant": english.pk})

    assert spanish_preview.status_code == 200
    assert spanish_preview.context["chosen"].display_name == "Ana"
    assert spanish_preview.context["message"].subject == "[Let's Connect] Clínicas en tu idioma"
    assert "Llegan tres clínicas nuevas." in spanish_preview.context["message"].body
    assert english_preview.context["message"].subject == "[Let's Connect] Clinics in your language"
    assert spanish_preview.context["total"] == 2


def test_a_language_without_a_translation_falls_back_to_english(bilingual_announcement, opted_in):
    from outreach.emails import announcement_draft

    message = announcement_draft(bilingual_announcement, opted_in(email_language="fr"))

    assert message.subject == "[Let's Connect] Clinics in your language"
    assert "Three new clinics are coming." in message.body


def test_approving_sends_to_each_person_once_and_a_second_approval_is_refused(
    liaison_client, bilingual_announcement, opted_in, django_capture_on_commit_callbacks
):
    opted_in(email_language="es", user__email="ana@example.org")
    opted_in(email_language="en", user__email="bob@example.org")
    url = reverse("admin:outreach_announcement_approve", args=[bilingual_announcement.pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = liaison_client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        second = liaison_client.post(url)

    bilingual_announcement.refresh_from_db()
    assert first.status_code == second.status_code == 302
    assert bilingual_announcement.status == Announcement.Status.SENT
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@example.org", "bob@example.org"]
    assert Email.objects.filter(group=f"announcement:{bilingual_announcement.pk}", state="sent").count() == 2
    assert [str(message) for message in second.wsgi_request._messages] == [
        "Approved: sending to 2 people.",
        "This announcement has already been sent.",
    ]


def test_every_announcement_carries_a_one_click_unsubscribe(bilingual_announcement, opted_in):
    from outreach.emails import announcement_draft

    message = announcement_draft(bilingual_announcement, opted_in(email_language="es"))

    url = message.headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://127.0.0.1:8000/es/u/")
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body


def test_an_approved_announcement_cannot_be_edited(
    liaison_client, bilingual_announcement, opted_in, django_capture_on_commit_callbacks
):
    opted_in()
    with django_capture_on_commit_callbacks(execute=True):
        liaison_client.post(reverse("admin:outreach_announcement_approve", args=[bilingual_announcement.pk]))

    response = liaison_client.get(reverse("admin:outreach_announcement_change", args=[bilingual_announcement.pk]))

    assert response.status_code == 200
    assert "subject_en" not in response.context["adminform"].form.fields
    assert "1 / 0 / 0 / 0" in response.content.decode()


def test_the_database_refuses_a_second_row_for_the_same_announcement_and_person(bilingual_announcement, opted_in):
    from django.db import IntegrityError, transaction

    participant = opted_in()
    services.approve_announcement(announcement_id=bilingual_announcement.pk, user=None)
    row = Email.objects.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        Email.objects.create(key=row.key, kind=row.kind, recipient=participant.user, language="en")


@pytest.mark.parametrize("wanted", ["Bob", "10000000000000000000", "-3"])
def test_a_preview_for_a_recipient_that_is_not_an_id_shows_the_first_recipient_with_a_message(
    liaison_client, bilingual_announcement, opted_in, wanted
):
    opted_in(display_name="Ana", email_language="es")
    url = reverse("admin:outreach_announcement_preview", args=[bilingual_announcement.pk])

    response = liaison_client.get(url, {"participant": wanted})

    assert response.status_code == 200
    assert response.context["chosen"].display_name == "Ana"
    assert [str(message) for message in response.context["messages"]] == [
        "This person is not among the announcement's recipients."
    ]
