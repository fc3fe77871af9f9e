"""The home page: upcoming clinics and the skills families, at a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from clinics.models import Clinic
from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_upcoming_clinics_only(client):
    ClinicFactory(title="Grant writing basics", start=timezone.now() + timedelta(days=3))
    ClinicFactory(title="A past clinic", start=timezone.now() - timedelta(days=3), status=Clinic.Status.HELD)
    ClinicFactory(title="A draft clinic", start=timezone.now() + timedelta(days=5), status=Clinic.Status.DRAFT)
    ClinicFactory(title="A cancelled clinic", start=timezone.now() + timedelta(days=6), status=Clinic.Status.CANCELLED)

    response = client.get("/en/")

    assert [clinic.title for clinic in response.context["upcoming_clinics"]] == ["Grant writing basics"]


def test_the_home_page_shows_the_skills_taxonomy_in_the_readers_language(client):
    response = client.get("/es/")

    assert [category.slug for category in response.context["skill_categories"]] == [
        "organisational",
        "programmatic",
        "on-wiki",
    ]
    assert "Recaudación de fondos" in response.text


def test_the_home_page_says_so_when_no_clinic_is_scheduled(client):
    response = client.get("/en/")

    assert "No clinic is scheduled right now." in response.text


@pytest.mark.parametrize("clinics", [1, 3])
def test_the_home_page_costs_the_same_queries_whatever_the_number_of_clinics(
    client, django_assert_max_num_queries, clinics
):
    ClinicFactory.create_batch(clinics)

    with django_assert_max_num_queries(3):
        response = client.get("/en/")

    assert len(response.context["upcoming_clinics"]) == clinics


def test_an_unknown_page_is_a_404_in_the_readers_language(client):
    response = client.get("/fr/nothing-here/")

    assert response.status_code == 404
    assert '<html lang="fr" dir="ltr">' in response.text
