"""The directory and a profile cost the same number of queries with 10 and with 1,000 participants."""

import random

import pytest

from participants.models import Participant, SpokenLanguage, User
from skills import services
from skills.models import ParticipantSkill, Skill

pytestmark = pytest.mark.django_db

COUNTRIES = ["KE", "TZ", "BR", "EG", "IN", "DE", "US", "ID"]


def _populate(count):
    """`count` listed participants with languages and skills, created in bulk (no password hashing)."""
    rng = random.Random(count)  # noqa: S311 - test data, not secrets
    users = User.objects.bulk_create(User(username=f"bulk{number}", password="!") for number in range(count))
    participants = Participant.objects.bulk_create(
        Participant(
            user=user,
            display_name=f"Bulk Person {number}",
            country_id=rng.choice(COUNTRIES),
            listed=True,
            search_name=f"bulk person {number}",
            search_about=f"bulk person {number}",
        )
        for number, user in enumerate(users)
    )
    skills = list(Skill.objects.all())
    SpokenLanguage.objects.bulk_create(
        SpokenLanguage(participant=p, language=rng.choice(["en", "sw", "fr"])) for p in participants
    )
    ParticipantSkill.objects.bulk_create(
        ParticipantSkill(participant=p, skill=skill, kind="share", level="some")
        for p in participants
        for skill in rng.sample(skills, 3)
    )
    services.refresh_directory_entries()
    return participants


@pytest.mark.parametrize("count", [10, 1000])
def test_the_directory_costs_the_same_queries_with_10_or_1000_participants(
    client, django_assert_max_num_queries, count
):
    _populate(count)

    # The form's skills and regions, one statement (with its work_mem, in a savepoint here), and the page's
    # participants with their directory rows.
    with django_assert_max_num_queries(7):
        response = client.get("/en/people/", {"q": "wikidata", "mode": "share", "region": "SSA"})
    with django_assert_max_num_queries(7):
        everyone = client.get("/en/people/", {"page": "2"})

    assert response.status_code == everyone.status_code == 200
    # Past the last page, the last page is shown.
    assert len(everyone.context["participants"]) == (20 if count > 40 else count)


@pytest.mark.parametrize("count", [10, 1000])
def test_a_profile_costs_the_same_queries_with_10_or_1000_participants(client, django_assert_max_num_queries, count):
    participants = _populate(count)

    with django_assert_max_num_queries(9):
        response = client.get(participants[0].get_absolute_url())

    assert response.status_code == 200
