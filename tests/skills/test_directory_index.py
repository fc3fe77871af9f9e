"""The directory's own index follows every change people and staff make, at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from redis import RedisError

from participants import services as participant_services
from participants.models import Participant, SpokenLanguage
from participants.services import refresh_search_document
from skills import services
from skills.models import DirectoryEntry, ParticipantSkill, Skill
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _listed(name, **fields):
    participant = ParticipantFactory(display_name=name, **fields)
    SpokenLanguage.objects.create(participant=participant, language="sw")
    refresh_search_document(participant=participant)
    return participant


def _names(client, **params):
    return [participant.display_name for participant in client.get("/en/people/", params).context["participants"]]


def test_a_directory_row_holds_only_what_the_directory_shows_or_filters_on():
    participant = _listed("Neema Mwangi", country_id="TZ", role=Participant.Role.BOARD_MEMBER, bio="Archivist")
    wikidata = Skill.objects.get(slug="wikidata")
    services.set_participant_skills(participant=participant, shares={wikidata: "expert"}, learns=set())

    entry = DirectoryEntry.objects.get(participant=participant)

    assert (entry.country, entry.role, entry.languages) == ("TZ", "board-member", ["sw"])
    assert (entry.shares, entry.learns, entry.skills, entry.affiliates) == ([wikidata.pk], [], [wikidata.pk], [])
    assert entry.search_about == f"neema mwangi {participant.user.username} archivist"


def test_unlisting_oneself_leaves_the_directory_at_once(client):
    participant = _listed("Neema Mwangi")
    client.force_login(participant.user)

    response = client.post(
        reverse("participants:preferences"),
        {"listed": "", "show_affiliation": "on", "email_language": "en", "reminders_enabled": "on"},
    )

    assert response.status_code == 302
    assert _names(client) == []
    assert not DirectoryEntry.objects.filter(participant=participant).exists()


def test_new_skills_are_searchable_at_once(client):
    participant = _listed("Neema Mwangi")
    fundraising = Skill.objects.get(slug="fundraising-and-grant-writing")
    assert _names(client, q="recaudacion", mode="learn") == []  # and that answer is in the cache now

    services.set_participant_skills(participant=participant, shares={}, learns={fundraising})

    assert _names(client, q="recaudacion", mode="learn") == ["Neema Mwangi"]
    assert _names(client, q="recaudacion", mode="share") == []


def test_a_repeated_search_is_answered_from_the_cache(client, django_assert_num_queries):
    _listed("Neema Mwangi", country_id="TZ")
    assert _names(client, q="neema", region="SSA") == ["Neema Mwangi"]

    # The form's skills and regions, and the page's participants (with their directory rows).
    with django_assert_num_queries(3):
        assert _names(client, q="neema", region="SSA") == ["Neema Mwangi"]


def test_the_directory_answers_from_the_database_when_redis_fails(client, monkeypatch):
    _listed("Neema Mwangi")

    def unavailable(*args, **kwargs):
        raise RedisError("Connection refused")

    for method in ("get", "set", "add"):
        monkeypatch.setattr(cache, method, unavailable)

    assert _names(client, q="neema") == ["Neema Mwangi"]


def test_a_deactivated_account_leaves_the_directory():
    participant = _listed("Neema Mwangi")
    participant.user.is_active = False

    participant_services.save_account(user=participant.user)

    assert not DirectoryEntry.objects.filter(participant=participant).exists()


def test_an_erased_account_leaves_the_directory():
    participant = _listed("Neema Mwangi")

    participant_services.erase_account(user=participant.user)

    assert DirectoryEntry.objects.count() == 0


def test_a_wikimedia_sign_in_makes_the_verified_username_searchable(client):
    participant = _listed("Neema Mwangi")

    participant_services.record_wikimedia_username(user=participant.user, username="Neema_WMTZ")

    assert _names(client, q="neema_wmtz") == ["Neema Mwangi"]


def test_people_who_signed_in_recently_come_first(client):
    earlier = _listed("Earlier Sign In")
    _listed("Later Registration")
    assert _names(client) == ["Later Registration", "Earlier Sign In"]

    client.force_login(earlier.user)

    assert _names(client) == ["Earlier Sign In", "Later Registration"]


def test_rebuilding_every_row_gives_the_same_rows():
    participant = _listed("Neema Mwangi", country_id="TZ")
    ParticipantSkill.objects.create(participant=participant, skill=Skill.objects.get(slug="wikidata"), kind="learn")
    services.refresh_directory_entries(participant_ids=[participant.pk])
    before = list(DirectoryEntry.objects.values())

    services.refresh_directory_entries()

    assert list(DirectoryEntry.objects.values()) == before
