"""Finding resources: search and filters (skill, kind, language of the material, length), the reader's languages
first, a resource's page with its skills, clinic and related resources; each page at a fixed number of queries."""

import pytest
from django.urls import reverse

from participants.models import SpokenLanguage
from skills.models import Skill
from tests.factories import ClinicFactory, ParticipantFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _titles(client, **filters):
    response = client.get(reverse("resources:list"), filters)
    assert response.status_code == 200
    return [resource.title for resource in response.context["resources"]]


@pytest.fixture
def library():
    wikidata, commons = Skill.objects.get(slug="wikidata"), Skill.objects.get(slug="wikimedia-commons")
    ResourceFactory(title="Wikidata in ten minutes", kind="recording", minutes=10, skills=[wikidata])
    ResourceFactory(title="Commons toolkit", kind="toolkit", minutes=45, languages=["fr"], skills=[commons])
    ResourceFactory(title="Guía de Wikidata", title_es="Guía de Wikidata", minutes=25, languages=["es", "en"])
    ResourceFactory(title="Course on WikiLearn", kind="course", minutes=None, languages=["sw"], skills=[wikidata])
    ResourceFactory(title="Hidden draft", published=False)


def test_the_list_shows_every_published_resource(client, library):
    assert sorted(_titles(client)) == [
        "Commons toolkit",
        "Course on WikiLearn",
        "Guía de Wikidata",
        "Wikidata in ten minutes",
    ]


def test_filtering_by_skill(client, library):
    assert sorted(_titles(client, skill="wikidata")) == ["Course on WikiLearn", "Wikidata in ten minutes"]


def test_filtering_by_kind(client, library):
    assert _titles(client, kind="toolkit") == ["Commons toolkit"]


def test_filtering_by_the_language_of_the_material(client, library):
    assert _titles(client, language="es") == ["Guía de Wikidata"]
    assert _titles(client, language="fr") == ["Commons toolkit"]


def test_filtering_by_length_keeps_what_fits_and_leaves_out_unknown_lengths(client, library):
    assert _titles(client, length="10") == ["Wikidata in ten minutes"]
    assert sorted(_titles(client, length="30")) == ["Guía de Wikidata", "Wikidata in ten minutes"]


def test_searching_words_in_any_language_of_the_title_or_summary(client, library):
    ResourceFactory(title="Photo walks", summary_fr="Organiser une balade photo")

    assert sorted(_titles(client, q="wikidata")) == ["Guía de Wikidata", "Wikidata in ten minutes"]
    assert _titles(client, q="BALADE") == ["Photo walks"]


def test_filters_combine(client, library):
    assert _titles(client, skill="wikidata", kind="course", language="sw") == ["Course on WikiLearn"]
    assert _titles(client, skill="wikidata", kind="toolkit") == []


def test_the_language_filter_offers_the_languages_material_exists_in(client, library):
    response = client.get(reverse("resources:list"))

    assert [code for code, _name in response.context["form"].fields["language"].choices] == [
        "",
        "en",
        "fr",
        "es",
        "sw",
    ]


def test_material_in_the_pages_language_comes_first(client):
    ResourceFactory(title="In Swahili", languages=["sw"])
    ResourceFactory(title="In French", languages=["fr"])
    ResourceFactory(title="In English", languages=["en"])

    assert _titles(client) == ["In English", "In French", "In Swahili"]
    assert client.get("/sw/resources/").context["resources"][0].title == "In Swahili"


def test_material_in_the_languages_a_participant_speaks_comes_before_the_rest(client):
    ResourceFactory(title="In Swahili", languages=["sw"])
    ResourceFactory(title="In Hausa", languages=["ha"])
    ResourceFactory(title="In French", languages=["fr"])
    ResourceFactory(title="In Portuguese", languages=["pt"])
    reader = ParticipantFactory()
    SpokenLanguage.objects.create(participant=reader, language="ha")
    SpokenLanguage.objects.create(participant=reader, language="fr")
    client.force_login(reader.user)

    titles = _titles(client)

    assert titles == ["In French", "In Hausa", "In Portuguese", "In Swahili"]


def test_a_resource_page_links_its_skills_its_clinic_and_related_resources(client):
    wikidata, commons = Skill.objects.get(slug="wikidata"), Skill.objects.get(slug="wikimedia-commons")
    clinic = ClinicFactory(title="Wikidata clinic")
    resource = ResourceFactory(title="Queries", clinic=clinic, skills=[wikidata, commons])
    ResourceFactory(title="Both skills", skills=[wikidata, commons])
    ResourceFactory(title="One skill", skills=[commons])
    ResourceFactory(title="Same clinic", clinic=clinic)
    ResourceFactory(title="Unrelated")
    ResourceFactory(title="Unpublished", skills=[wikidata], published=False)

    response = client.get(resource.get_absolute_url())

    page = response.content.decode()
    assert [other.title for other in response.context["related"]] == ["Both skills", "One skill", "Same clinic"]
    assert reverse("skills:skill", kwargs={"slug": "wikidata"}) in page
    assert reverse("skills:skill", kwargs={"slug": "wikimedia-commons"}) in page
    assert clinic.get_absolute_url() in page
    assert 'rel="license"' in page


def test_an_unpublished_resource_is_not_found(client):
    resource = ResourceFactory(published=False)

    assert client.get(resource.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_and_a_resource_page_cost_the_same_queries_with_1_or_3_resources(
    client, django_assert_max_num_queries, count
):
    skills = list(Skill.objects.all()[:3])
    clinic = ClinicFactory()
    resources = [
        ResourceFactory(clinic=clinic, skills=skills[: number + 1], languages=["en", "fr", "sw"][: number + 1])
        for number in range(count)
    ]
    reader = ParticipantFactory()
    SpokenLanguage.objects.create(participant=reader, language="fr")
    client.force_login(reader.user)

    with django_assert_max_num_queries(10):
        listing = client.get(reverse("resources:list"), {"skill": skills[0].slug, "q": "resource"})
    with django_assert_max_num_queries(12):
        detail = client.get(resources[0].get_absolute_url())

    assert len(listing.context["resources"]) == count
    assert (detail.status_code, len(detail.context["related"])) == (200, count - 1)
