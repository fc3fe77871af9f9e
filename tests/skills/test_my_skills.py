"""A participant says which skills they can share (with a level) and which they want to learn."""

import json

import pytest
from django.db import IntegrityError
from django.urls import reverse

from skills.models import ParticipantSkill, Skill
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _rows(participant):
    return sorted(ParticipantSkill.objects.filter(participant=participant).values_list("skill__slug", "kind", "level"))


def test_a_participant_saves_skills_to_share_and_to_learn(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.post(
        reverse("skills:mine"),
        {"share-fundraising-and-grant-writing": "expert", "share-wikidata": "some", "learn-templates-and-lua": "on"},
    )

    assert response.status_code == 302
    assert _rows(participant) == [
        ("fundraising-and-grant-writing", "share", "expert"),
        ("templates-and-lua", "learn", ""),
        ("wikidata", "share", "some"),
    ]


def test_saving_again_changes_levels_and_drops_what_was_unticked(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    client.post(reverse("skills:mine"), {"share-wikidata": "some", "learn-templates-and-lua": "on"})

    client.post(reverse("skills:mine"), {"share-wikidata": "expert", "learn-wikidata": "on"})

    assert _rows(participant) == [("wikidata", "learn", ""), ("wikidata", "share", "expert")]


def test_an_unknown_level_is_refused_and_nothing_changes(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    client.post(reverse("skills:mine"), {"share-wikidata": "some"})

    response = client.post(reverse("skills:mine"), {"share-wikidata": "guru", "learn-templates-and-lua": "on"})

    assert response.status_code == 400
    assert _rows(participant) == [("wikidata", "share", "some")]


def test_the_profile_shows_skills_and_the_data_download_holds_them(client):
    participant = ParticipantFactory(user__username="kaya")
    wikidata = Skill.objects.get(slug="wikidata")
    ParticipantSkill.objects.create(participant=participant, skill=wikidata, kind="share", level="expert")
    client.force_login(participant.user)

    page = client.get("/es/people/kaya/").content.decode()
    data = json.loads(client.get(reverse("participants:export")).content)

    assert "Wikidata" in page
    assert data["skills"] == [{"skill": "wikidata", "kind": "share", "level": "expert"}]


def test_the_database_refuses_a_share_without_a_level():
    participant = ParticipantFactory()

    with pytest.raises(IntegrityError):
        ParticipantSkill.objects.create(participant=participant, skill=Skill.objects.first(), kind="share", level="")


@pytest.mark.parametrize("count", [1, 3])
def test_the_skills_page_costs_the_same_queries_with_1_or_3_skills(client, django_assert_max_num_queries, count):
    participant = ParticipantFactory()
    for skill in Skill.objects.all()[:count]:
        ParticipantSkill.objects.create(participant=participant, skill=skill, kind="learn")
    client.force_login(participant.user)

    with django_assert_max_num_queries(7):
        response = client.get(reverse("skills:mine"))

    assert response.status_code == 200
