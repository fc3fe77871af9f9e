"""The slot finder: the three UTC start hours that suit a clinic's likely audience best, counted per region, with
daylight saving time applied on the chosen date."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse

from clinics import slots
from clinics.models import Registration
from participants.models import Country, SpokenLanguage
from skills.models import ParticipantSkill, Skill
from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

# Clocks in Europe go forward on Sunday 29 March 2026 (Berlin from UTC+1 to UTC+2); Nairobi and Kolkata keep theirs.
BEFORE, AFTER = date(2026, 3, 28), date(2026, 3, 30)
HOUR = timedelta(hours=1)


def _region(country):
    return Country.objects.get(code=country).region.name


def _person(zone, country, *, languages=("en",), learns=None, kind=ParticipantSkill.Kind.LEARN):
    person = ParticipantFactory(time_zone=zone, country_id=country)
    for code in languages:
        SpokenLanguage.objects.create(participant=person, language=code)
    if learns is not None:
        level = "" if kind == ParticipantSkill.Kind.LEARN else ParticipantSkill.Level.EXPERT
        ParticipantSkill.objects.create(participant=person, skill=learns, kind=kind, level=level)
    return person


@pytest.fixture
def skills():
    return list(Skill.objects.order_by("pk")[:2])


@pytest.fixture
def audience(skills):
    skill, other_skill = skills
    _person("Europe/Berlin", "DE", learns=skill)
    _person("Europe/Berlin", "DE", languages=("fr", "en"), learns=skill)
    _person("Africa/Nairobi", "KE", languages=("sw",), learns=skill)
    _person("Asia/Kolkata", "IN", languages=("pt-br",), learns=skill)
    _person("", "KE", learns=skill)  # no time zone: counted apart
    # Not the audience: another language only, another skill, someone who shares the skill, a closed account.
    _person("Europe/Berlin", "DE", languages=("ar",), learns=skill)
    _person("Europe/Berlin", "DE", learns=other_skill)
    _person("Europe/Berlin", "DE", learns=skill, kind=ParticipantSkill.Kind.SHARE)
    closed = _person("Europe/Berlin", "DE", learns=skill)
    closed.user.is_active = False
    closed.user.save()
    return skill


def _best(search):
    return [(f"{slot.start:%H:%M}", slot.people, dict(slot.by_region)) for slot in search.best]


def test_the_best_hours_move_an_hour_earlier_in_utc_when_europe_moves_its_clocks(audience):
    search = {
        day: slots.find_slots(skill=audience, languages=["en", "sw", "pt"], day=day, duration=HOUR)
        for day in (BEFORE, AFTER)
    }

    everyone = {_region("DE"): 2, _region("KE"): 1, _region("IN"): 1}
    assert (search[BEFORE].audience, search[BEFORE].without_time_zone) == (5, 1)
    # Berlin has 08:00-21:00 from 07:00 UTC before the change and from 06:00 UTC after; Kolkata until 14:30 UTC.
    assert _best(search[BEFORE]) == [("07:00", 4, everyone), ("08:00", 4, everyone), ("09:00", 4, everyone)]
    assert _best(search[AFTER]) == [("06:00", 4, everyone), ("07:00", 4, everyone), ("08:00", 4, everyone)]
    assert [slot.people for slot in search[BEFORE].hours[:8]] == [0, 0, 0, 1, 1, 2, 2, 4]
    assert [slot.people for slot in search[AFTER].hours[14:20]] == [4, 3, 3, 3, 2, 0]


def test_the_whole_session_must_fit_the_day_so_a_longer_one_narrows_the_hours(audience):
    search = slots.find_slots(skill=audience, languages=["en"], day=AFTER, duration=3 * HOUR)

    # Only the two Berliners speak English: 08:00-11:00 local at the earliest (06:00 UTC), 18:00-21:00 at the latest.
    assert [f"{slot.start:%H}" for slot in search.hours if slot.people] == [f"{hour:02}" for hour in range(6, 17)]


def test_those_already_registered_count_whatever_they_learn_or_speak(audience):
    clinic = ClinicFactory()
    registered = _person("America/Sao_Paulo", "BR", languages=("ar",))
    waiting = _person("America/Sao_Paulo", "BR", languages=())
    Registration.objects.create(clinic=clinic, participant=registered)
    Registration.objects.create(clinic=clinic, participant=waiting, status=Registration.Status.WAITLISTED)
    gone = _person("America/Sao_Paulo", "BR")
    Registration.objects.create(clinic=clinic, participant=gone, status=Registration.Status.CANCELLED)

    search = slots.find_slots(skill=audience, languages=["en"], day=AFTER, duration=HOUR, clinic=clinic)

    # São Paulo (UTC-3) has 08:00-20:00 starts from 11:00 to 23:00 UTC; Berlin until 18:00 UTC.
    assert search.audience == 5
    both = {_region("DE"): 2, _region("BR"): 2}
    assert _best(search) == [("11:00", 4, both), ("12:00", 4, both), ("13:00", 4, both)]


def test_nobody_to_place_suggests_nothing(skills):
    search = slots.find_slots(skill=skills[0], languages=["en"], day=AFTER, duration=HOUR)

    assert (search.audience, search.best) == (0, [])


@pytest.fixture
def liaison_client(client, liaison):
    client.force_login(liaison)
    return client


def test_the_admin_page_lists_three_suggestions_each_leading_to_a_filled_in_new_clinic(
    liaison_client, audience, django_assert_max_num_queries
):
    url = reverse("admin:clinics_clinic_slot_finder")
    query = {
        "skill": audience.pk,
        "language": "en",
        "interpretation_languages": ["sw", "pt"],
        "date": "2026-03-30",
        "duration": "60",
        "time_zone": "Africa/Nairobi",
    }

    with django_assert_max_num_queries(10):
        response = liaison_client.get(url, query)
    page = response.content.decode()
    plan = response.context["suggestions"][0]["plan_url"]
    add_form = liaison_client.get(plan).context["adminform"].form

    assert [f"{item['slot'].start:%H:%M}" for item in response.context["suggestions"]] == ["06:00", "07:00", "08:00"]
    assert "2026-03-30 06:00 UTC</time><br>2026-03-30 09:00 Africa/Nairobi" in page
    assert "The likely audience: 5 people." in page
    assert "1 of them has no time zone in their profile and is not counted below." in page
    assert {name: add_form[name].value() for name in ("planned_time_zone", "duration", "language", "skills")} == {
        "planned_time_zone": "Africa/Nairobi",
        "duration": "60",
        "language": "en",
        "skills": [str(audience.pk)],
    }
    assert add_form["start"].value() == datetime(2026, 3, 30, 9, 0)  # noqa: DTZ001 - a clock's reading, no zone
    assert add_form["interpretation_languages"].value() == ["sw", "pt"]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ({"date": "0000-01-01"}, {"date": ["Enter a valid date."]}),
        ({"date": "2101-01-01"}, {"date": ["Choose a date between the years 2000 and 2100."]}),
        ({"duration": "10080"}, {"duration": ["A clinic lasts at most 720 minutes (12 hours)."]}),
        ({"skill": "x"}, {"skill": ["Select a valid choice. That choice is not one of the available choices."]}),
    ],
)
def test_bad_values_are_messages_on_the_slot_finder(liaison_client, skills, query, errors):
    base = {"skill": skills[0].pk, "language": "en", "date": "2026-03-30", "duration": "60"}

    response = liaison_client.get(reverse("admin:clinics_clinic_slot_finder"), {**base, **query})

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert response.context["search"] is None


def test_a_clinics_page_links_to_the_slot_finder_filled_in_with_its_skill_and_languages(liaison_client, skills):
    clinic = ClinicFactory(language="fr", interpretation_languages=["ar"], planned_time_zone="Africa/Nairobi")
    clinic.skills.add(skills[0])

    page = liaison_client.get(reverse("admin:clinics_clinic_change", args=[clinic.pk]))
    finder = liaison_client.get(page.context["slot_finder_url"])

    assert finder.status_code == 200
    assert finder.context["form"].cleaned_data["clinic"] == clinic
    assert (finder.context["form"].cleaned_data["skill"], finder.context["form"].languages()) == (
        skills[0],
        ["fr", "ar"],
    )
