"""A participant's saved resources: saved and removed from the resource page (a plain form), listed on their own
page, given back in their data download, deleted with their account; and the sections on skill and clinic pages."""

import json

import pytest
from django.urls import reverse

from participants import services as participant_services
from resources.models import SavedResource
from skills.models import Skill
from tests.factories import ClinicFactory, ParticipantFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_participant_saves_a_resource_from_its_page_and_finds_it_in_their_list(client):
    reader = ParticipantFactory()
    resource = ResourceFactory(title="Budget toolkit")
    client.force_login(reader.user)

    response = client.post(reverse("resources:save", kwargs={"slug": resource.slug}))
    client.post(reverse("resources:save", kwargs={"slug": resource.slug}))
    saved_page = client.get(reverse("resources:saved"))
    detail = client.get(resource.get_absolute_url())

    assert response.url == resource.get_absolute_url()
    assert [row.resource.title for row in saved_page.context["saved"]] == ["Budget toolkit"]
    assert detail.context["saved"] is True
    assert "Remove from my list" in detail.content.decode()


def test_a_saved_resource_is_removed_from_the_list(client):
    reader = ParticipantFactory()
    resource = ResourceFactory()
    SavedResource.objects.create(participant=reader, resource=resource)
    client.force_login(reader.user)

    client.post(reverse("resources:save", kwargs={"slug": resource.slug}), {"action": "remove"})

    assert SavedResource.objects.count() == 0


def test_saving_needs_a_signed_in_participant_and_a_post(client):
    resource = ResourceFactory()
    url = reverse("resources:save", kwargs={"slug": resource.slug})

    signed_out = client.post(url)
    client.force_login(ParticipantFactory().user)
    by_get = client.get(url)

    assert (signed_out.status_code, by_get.status_code, SavedResource.objects.count()) == (302, 405, 0)


def test_the_saved_list_is_in_the_data_download_and_goes_with_the_account(client):
    reader = ParticipantFactory()
    resource = ResourceFactory(title="Budget toolkit", url="https://meta.wikimedia.org/wiki/Budget")
    SavedResource.objects.create(participant=reader, resource=resource)
    client.force_login(reader.user)

    data = json.loads(client.get(reverse("participants:export")).content)
    participant_services.erase_account(user=reader.user)

    assert [(row["resource"], row["link"]) for row in data["saved_resources"]] == [
        ("Budget toolkit", "https://meta.wikimedia.org/wiki/Budget")
    ]
    assert SavedResource.objects.count() == 0
    resource.refresh_from_db()
    assert resource.published is True


@pytest.mark.parametrize("count", [1, 3])
def test_the_saved_list_costs_the_same_queries_with_1_or_3_resources(client, django_assert_max_num_queries, count):
    reader = ParticipantFactory()
    for number in range(count):
        SavedResource.objects.create(participant=reader, resource=ResourceFactory(languages=["en", "sw"][: number + 1]))
    client.force_login(reader.user)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("resources:saved"))

    assert len(response.context["saved"]) == count


def test_a_skill_page_lists_its_resources_in_the_pages_language_first(client):
    wikidata = Skill.objects.get(slug="wikidata")
    ResourceFactory(title="In Swahili", languages=["sw"], skills=[wikidata])
    ResourceFactory(title="In Spanish", languages=["es"], skills=[wikidata])
    ResourceFactory(title="Not on it", languages=["es"])

    response = client.get("/es/skills/wikidata/")

    section = next(section for section in response.context["sections"] if "resources" in section)
    assert [resource.title for resource in section["resources"]] == ["In Spanish", "In Swahili"]


def test_a_clinic_page_lists_its_resources(client):
    clinic = ClinicFactory()
    ResourceFactory(title="Slides of the day", clinic=clinic)
    ResourceFactory(title="Elsewhere")

    page = client.get(clinic.get_absolute_url()).content.decode()

    assert "Learning resources from this clinic" in page
    assert "Slides of the day" in page
    assert "Elsewhere" not in page
