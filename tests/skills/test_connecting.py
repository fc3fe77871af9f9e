"""Suggestions on the home page, the skill page and the liaisons' demand map."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinics.models import Clinic
from participants.models import SpokenLanguage
from skills import suggestions
from skills.models import ParticipantSkill, Skill
from tests.factories import ClinicFactory, ParticipantFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _with(name, *, country="KE", shares=(), learns=(), languages=(), time_zone="", listed=True):
    participant = ParticipantFactory(display_name=name, country_id=country, time_zone=time_zone, listed=listed)
    for slug in shares:
        ParticipantSkill.objects.create(
            participant=participant, skill=Skill.objects.get(slug=slug), kind="share", level="some"
        )
    for slug in learns:
        ParticipantSkill.objects.create(participant=participant, skill=Skill.objects.get(slug=slug), kind="learn")
    for code in languages:
        SpokenLanguage.objects.create(participant=participant, language=code)
    return participant


def test_sharers_are_ranked_by_common_languages_then_region_then_time_zone():
    me = _with("Me", country="KE", learns=["wikidata"], languages=["sw", "en"], time_zone="Africa/Nairobi")
    _with("Far, one language", country="BR", shares=["wikidata"], languages=["en"], time_zone="America/Sao_Paulo")
    _with(
        "Same region, one language",
        country="TZ",
        shares=["wikidata"],
        languages=["en"],
        time_zone="Africa/Dar_es_Salaam",
    )
    _with("Two languages", country="US", shares=["wikidata"], languages=["sw", "en"], time_zone="America/New_York")
    _with("Near in time, other region", country="SA", shares=["wikidata"], languages=["en"], time_zone="Asia/Riyadh")
    _with("Hidden", country="KE", shares=["wikidata"], languages=["sw", "en"], listed=False)
    _with("Shares something else", country="KE", shares=["wikisource"], languages=["sw", "en"])

    names = [person.display_name for person in suggestions.sharers_for(me)]

    assert names == ["Two languages", "Same region, one language", "Near in time, other region", "Far, one language"]


def test_learners_of_what_i_share_are_suggested_on_my_home_page(client):
    me = _with("Me", shares=["fundraising-and-grant-writing"], languages=["en"])
    _with("Eager learner", learns=["fundraising-and-grant-writing"], languages=["en"])
    client.force_login(me.user)

    response = client.get("/en/")

    assert [person.display_name for person in response.context["suggested_learners"]] == ["Eager learner"]
    assert "Eager learner" in response.content.decode()


def test_the_skill_page_lists_listed_sharers_and_learners(client):
    _with("Sharer", shares=["wikidata"])
    _with("Learner", learns=["wikidata"])
    _with("Hidden sharer", shares=["wikidata"], listed=False)

    response = client.get(reverse("skills:skill", kwargs={"slug": "wikidata"}))

    assert [person.display_name for person in response.context["sharers"]] == ["Sharer"]
    assert [person.display_name for person in response.context["learners"]] == ["Learner"]
    assert "Hidden sharer" not in response.content.decode()
    assert client.get("/en/skills/no-such-skill/").status_code == 404


def test_the_skill_page_lists_the_upcoming_clinics_on_it_and_not_past_or_draft_ones(client):
    wikidata = Skill.objects.get(slug="wikidata")
    upcoming = ClinicFactory(title="Wikidata for organisers")
    past = ClinicFactory(title="Past one", start=timezone.now() - timedelta(days=2))
    draft = ClinicFactory(title="Draft one", status=Clinic.Status.DRAFT)
    other = ClinicFactory(title="Other skill")
    for clinic in (upcoming, past, draft):
        clinic.skills.add(wikidata)

    page = client.get(reverse("skills:skill", kwargs={"slug": "wikidata"})).content.decode()

    assert f'<a href="{upcoming.get_absolute_url()}">Wikidata for organisers</a>' in page
    assert ("Past one" in page, "Draft one" in page, other.title in page) == (False, False, False)


def test_the_demand_map_puts_the_biggest_gap_first_and_is_for_staff_only(client):
    for number in range(3):
        _with(f"Learner {number}", country="NG", learns=["templates-and-lua"], languages=["yo"])
    _with("Lua sharer", country="NG", shares=["templates-and-lua"])
    _with("Somewhere else", country="BR", learns=["wikidata"], languages=["pt"])

    assert client.get(reverse("skills:demand")).status_code == 302
    client.force_login(ParticipantFactory().user)
    assert client.get(reverse("skills:demand")).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("skills:demand"), {"region": "SSA"})

    first = response.context["rows"][0]
    assert (first["skill"].slug, first["wanted"], first["sharers"], first["gap"]) == ("templates-and-lua", 3, 1, 2)
    assert [row["wanted"] for row in response.context["rows"] if row["skill"].slug == "wikidata"] == [0]
    lua = Skill.objects.get(slug="templates-and-lua")
    assert f"/admin/clinics/clinic/add/?title_en=Templates%20and%20Lua&amp;skills={lua.pk}" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_skill_page_and_the_mentorship_list_cost_the_same_queries_with_1_or_3_people(
    client, django_assert_max_num_queries, count
):
    from skills.models import Mentorship

    me = _with("Me", shares=["wikidata"])
    for number in range(count):
        learner = _with(f"Learner {number}", learns=["wikidata"], shares=["wikidata"])
        Mentorship.objects.create(mentee=learner, mentor=me, skill=Skill.objects.get(slug="wikidata"), message="Hi")
    client.force_login(me.user)

    for number in range(count):
        ClinicFactory(title=f"Clinic {number}").skills.add(Skill.objects.get(slug="wikidata"))
        ResourceFactory(title=f"Resource {number}", skills=[Skill.objects.get(slug="wikidata")])
    with django_assert_max_num_queries(9):  # the 9th: the reader's time zone, for the times of the clinics
        skill_page = client.get(reverse("skills:skill", kwargs={"slug": "wikidata"}))
    with django_assert_max_num_queries(6):
        mentorships = client.get(reverse("skills:mentorships"))

    assert (skill_page.status_code, mentorships.status_code) == (200, 200)
    assert len(mentorships.context["mentorships"]) == count


def test_home_suggestions_are_kept_until_someone_changes_and_a_person_who_leaves_the_directory_leaves_them(
    client, django_assert_max_num_queries
):
    from participants.signals import profile_changed

    me = _with("Me", shares=["fundraising-and-grant-writing"], languages=["en"])
    learner = _with("Eager learner", learns=["fundraising-and-grant-writing"], languages=["en"])
    client.force_login(me.user)
    first = client.get("/en/")
    with django_assert_max_num_queries(7):  # session, account, profile (twice), clinics, categories, skills: no ranking
        kept = client.get("/en/")
    learner.listed = False
    learner.save()
    profile_changed.send(sender=type(learner), participant=learner)

    after = client.get("/en/")

    assert [p.display_name for p in first.context["suggested_learners"]] == ["Eager learner"]
    assert [p.display_name for p in kept.context["suggested_learners"]] == ["Eager learner"]
    assert after.context["suggested_learners"] == []
    assert "Eager learner" not in after.content.decode()
