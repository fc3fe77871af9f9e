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


def test_a_repeated_search_is_answered_from_the_cache_without_a_query(client, django_assert_num_queries):
    _listed("Neema Mwangi", country_id="TZ")
    first = client.get("/en/people/", {"q": "neema", "region": "SSA"})

    # The rendered form and results are kept: no query, and the same results.
    with django_assert_num_queries(0):
        again = client.get("/en/people/", {"q": "neema", "region": "SSA"})

    assert [person.display_name for person in first.context["participants"]] == ["Neema Mwangi"]
    assert (again.context["body"], "Neema Mwangi" in again.context["body"]) == (first.context["body"], True)


def test_a_kept_search_shows_a_newly_listed_participant_at_once(client):
    _listed("Neema Mwangi", country_id="TZ")
    assert _names(client, q="mwangi") == ["Neema Mwangi"]

    _listed("Juma Mwangi", country_id="KE")

    assert sorted(_names(client, q="mwangi")) == ["Juma Mwangi", "Neema Mwangi"]


def test_a_kept_page_shows_a_renamed_skill_at_once(client):
    participant = _listed("Neema Mwangi")
    wikidata = Skill.objects.get(slug="wikidata")
    services.set_participant_skills(participant=participant, shares={wikidata: "expert"}, learns=set())
    assert "Wikidata" in client.get("/en/people/").context["body"]

    wikidata.name_en = "Wikidata and structured data"
    wikidata.save()

    assert "Wikidata and structured data" in client.get("/en/people/").context["body"]


def test_the_kept_page_is_the_same_for_everyone_and_shows_nobody_signed_in(client):
    _listed("Neema Mwangi")
    visitor = client.get("/en/people/").context["body"]
    viewer = ParticipantFactory(display_name="Ana Viewer", listed=False)
    client.force_login(viewer.user)

    signed_in = client.get("/en/people/")

    assert (signed_in.context["body"], "Ana Viewer" in signed_in.context["body"]) == (visitor, False)


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
