"""Privacy people control: the time zone and the clinics attended show on a public profile only if the person
chose so (off by default, imported attendance included); the owner sees them, the data download holds them."""

import json

import pytest
from django.urls import reverse

from clinics.models import Clinic
from participants.models import Participant
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

ZONE = "America/Lima"
ATTENDED = "Learning Clinics attended"


@pytest.fixture
def person():
    """A listed participant with a time zone and an attendance a liaison imported (no choice made yet)."""
    participant = ParticipantFactory(display_name="Rosa Quispe", time_zone=ZONE)
    clinic = ClinicFactory(title="Grants 101", status=Clinic.Status.HELD)
    AttendanceFactory(clinic=clinic, participant=participant)
    return participant


def _profile(client, participant):
    return client.get(participant.get_absolute_url()).content.decode()


def test_a_new_profile_shows_neither_time_zone_nor_attendance(client, person):
    assert (person.show_time_zone, person.show_attendance) == (False, False)
    client.force_login(ParticipantFactory().user)

    html = _profile(client, person)

    assert (ZONE in html, ATTENDED in html, "Grants 101" in html) == (False, False, False)
    assert (ZONE in _profile(client.__class__(), person)) is False  # nor to an anonymous visitor


def test_what_the_person_chooses_to_show_others_see(client, person):
    Participant.objects.filter(pk=person.pk).update(show_time_zone=True, show_attendance=True)
    client.force_login(ParticipantFactory().user)

    html = _profile(client, person)

    assert (ZONE in html, ATTENDED in html, "Grants 101" in html, "only you see" in html.lower()) == (
        True,
        True,
        True,
        False,
    )


def test_the_owner_sees_both_marked_as_seen_only_by_them(client, person):
    client.force_login(person.user)

    html = _profile(client, person)

    assert (ZONE in html, "Grants 101" in html) == (True, True)
    assert "(only you see it)" in html
    assert "Only you see this list." in html


def test_the_settings_page_turns_them_on_in_the_persons_language(client, person):
    client.force_login(person.user)
    url = reverse("participants:preferences").replace("/en/", "/fr/", 1)

    page = client.get(url).content.decode()
    client.post(
        url,
        {"listed": "on", "show_time_zone": "on", "show_attendance": "on", "email_language": "fr", "digest_enabled": ""},
    )

    assert "Afficher mon fuseau horaire sur mon profil" in page
    assert "Afficher les cliniques auxquelles j’ai participé sur mon profil" in page
    person.refresh_from_db()
    assert (person.show_time_zone, person.show_attendance) == (True, True)


def test_the_data_download_holds_the_zone_the_attendance_and_the_choices_even_when_hidden(client, person):
    client.force_login(person.user)

    data = json.loads(client.get(reverse("participants:export")).content)

    assert data["profile"]["time_zone"] == ZONE
    assert [row["clinic"] for row in data["clinics_attended"]] == ["Grants 101"]
    assert (data["privacy"]["show_time_zone"], data["privacy"]["show_attendance"]) == (False, False)
