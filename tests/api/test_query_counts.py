"""Every list and detail of the API costs the same number of queries with 1 or 3 of everything in it."""

from datetime import timedelta

import pytest
from django.utils import timezone

import badges.services
from clinics.models import Attendance, Clinic, ClinicMaterial, ClinicSharer
from participants.models import HomeWiki, SpokenLanguage
from skills.models import ParticipantSkill, Skill
from tests.factories import ClinicFactory, ParticipantFactory, RegistrationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

WIKIS = ["wikipedia", "wiktionary", "wikisource"]
LANGUAGES = ["sw", "en", "fr"]


def _people(count):
    skills = list(Skill.objects.order_by("pk")[:3])
    people = []
    for number in range(count):
        person = ParticipantFactory(user__username=f"person{number}", bio="Bio")
        for index in range(count):
            SpokenLanguage.objects.create(participant=person, language=LANGUAGES[index])
            HomeWiki.objects.create(participant=person, project=WIKIS[index], language="sw")
            ParticipantSkill.objects.create(participant=person, skill=skills[index], kind="learn")
            held = ClinicFactory(status=Clinic.Status.HELD, start=timezone.now() - timedelta(days=index + 1))
            Attendance.objects.create(clinic=held, participant=person)
            ClinicSharer.objects.create(clinic=held, participant=person)
        badges.services.evaluate(participant=person)
        people.append(person)
    return people


def _clinics(count):
    sharer = ParticipantFactory(listed=False)
    skills = list(Skill.objects.order_by("pk")[:3])
    for number in range(count):
        clinic = ClinicFactory(capacity=10)
        clinic.skills.set(skills[:count])
        for index in range(count):
            ClinicSharer.objects.create(clinic=clinic, name=f"Guest {index}")
            ClinicMaterial.objects.create(clinic=clinic, kind="slides", language=LANGUAGES[index], url="https://x.org")
            RegistrationFactory(clinic=clinic, participant__listed=False)
        ClinicSharer.objects.create(clinic=clinic, participant=sharer, position=number)


def _resources(count):
    skills = list(Skill.objects.order_by("pk")[:3])
    for _number in range(count):
        ResourceFactory(languages=LANGUAGES[:count], skills=skills[:count])


@pytest.mark.parametrize("count", [1, 3])
def test_the_public_lists_cost_the_same_queries_with_1_or_3_items(client, django_assert_max_num_queries, count):
    _clinics(count)
    _people(count)
    _resources(count)

    with django_assert_max_num_queries(5):
        clinics = client.get("/api/v1/clinics/?when=upcoming")
    with django_assert_max_num_queries(9):
        people = client.get("/api/v1/participants/")
    with django_assert_max_num_queries(4):
        resources = client.get("/api/v1/resources/")
    with django_assert_max_num_queries(2):
        skills = client.get("/api/v1/skills/")

    assert (clinics.json()["count"], people.json()["count"], resources.json()["count"]) == (count, count, count)
    assert skills.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_details_cost_the_same_queries_with_1_or_3_of_everything(client, django_assert_max_num_queries, count):
    _clinics(count)
    person = _people(count)[0]
    _resources(count)
    clinic = Clinic.objects.filter(status=Clinic.Status.SCHEDULED).first()

    with django_assert_max_num_queries(5):
        one_clinic = client.get(f"/api/v1/clinics/{clinic.slug}/")
    with django_assert_max_num_queries(9):
        one_person = client.get(f"/api/v1/participants/{person.user.username}/")
    with django_assert_max_num_queries(4):
        one_skill = client.get("/api/v1/skills/wikidata/")
    resource = ResourceFactory._meta.model.objects.first()
    with django_assert_max_num_queries(4):
        one_resource = client.get(f"/api/v1/resources/{resource.slug}/")

    assert (one_clinic.status_code, one_person.status_code, one_skill.status_code, one_resource.status_code) == (
        200,
        200,
        200,
        200,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_figures_the_root_and_the_schema_cost_a_fixed_few_queries(client, django_assert_max_num_queries, count):
    _people(count)
    client.get("/api/v1/impact/")  # computed once, then kept until the data changes

    with django_assert_max_num_queries(1):
        figures = client.get("/api/v1/impact/")
    with django_assert_max_num_queries(0):
        root = client.get("/api/v1/")
    with django_assert_max_num_queries(0):
        schema = client.get("/api/v1/schema/?format=json")

    assert (figures.status_code, root.status_code, schema.status_code) == (200, 200, 200)


@pytest.mark.parametrize("count", [1, 3])
def test_the_persons_own_reads_cost_the_same_queries_with_1_or_3_items(
    client, bearer, django_assert_max_num_queries, count
):
    person = _people(count)[0]
    for _number in range(count):
        RegistrationFactory(participant=person)
    headers = bearer(person)
    client.get("/api/v1/me/", **headers)  # the token's first use is written down once

    with django_assert_max_num_queries(4):
        rsvps = client.get("/api/v1/me/rsvps/", **headers)
    with django_assert_max_num_queries(11):
        me = client.get("/api/v1/me/", **headers)
    with django_assert_max_num_queries(4):
        skills = client.get("/api/v1/me/skills/", **headers)
    slug = person.registrations.first().clinic.slug
    with django_assert_max_num_queries(3):
        one_rsvp = client.get(f"/api/v1/me/rsvps/{slug}/", **headers)

    assert (rsvps.json()["count"], me.status_code, skills.status_code, one_rsvp.status_code) == (count, 200, 200, 200)
