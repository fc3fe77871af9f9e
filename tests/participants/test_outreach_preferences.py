"""Announcements are an explicit opt-in at registration; both outreach preferences live on the settings page."""

import pytest
from django.urls import reverse

from participants.models import Participant
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_registration_asks_to_accept_announcements_unticked(client):
    client.force_login(UserFactory())

    form = client.get(reverse("participants:setup")).context["form"]

    assert form["announcements_enabled"].value() is False


def test_a_new_participant_gets_no_announcements_unless_they_tick_the_box(client, profile_data):
    silent, ticked = UserFactory(username="silent"), UserFactory(username="ticked")

    client.force_login(silent)
    client.post(reverse("participants:setup"), profile_data())
    client.force_login(ticked)
    client.post(reverse("participants:setup"), profile_data(announcements_enabled="on"))

    assert list(
        Participant.objects.order_by("user__username").values_list("announcements_enabled", "digest_enabled")
    ) == [
        (False, True),
        (True, True),
    ]


def test_the_settings_page_turns_announcements_and_the_digest_on_and_off(client):
    participant = ParticipantFactory(announcements_enabled=True)
    client.force_login(participant.user)

    response = client.post(reverse("participants:preferences"), {"email_language": "en", "announcements_enabled": "on"})

    participant.refresh_from_db()
    assert response.status_code == 302
    assert (participant.announcements_enabled, participant.digest_enabled) == (True, False)


def test_editing_the_profile_leaves_the_announcements_choice_alone(client, profile_data):
    participant = ParticipantFactory(announcements_enabled=True, privacy_version="x")
    client.force_login(participant.user)

    response = client.post(reverse("participants:edit"), profile_data())

    participant.refresh_from_db()
    assert response.status_code == 302
    assert participant.announcements_enabled is True
