"""Addresses and admin selections no page could mean are refused with a message, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from clinics.models import Clinic
from tests.factories import ClinicFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

NULL_MESSAGE = "The address contains a null character, which is not allowed. Check the link and try again."


def test_a_null_character_in_a_profile_address_is_refused_with_a_message(client):
    ParticipantFactory(user=UserFactory(username="amani"))

    response = client.get("/en/people/amani%00/")

    assert response.status_code == 400
    assert NULL_MESSAGE in response.content.decode()


def test_a_null_character_in_a_search_of_the_admin_is_refused_with_a_message(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:clinics_clinic_changelist"), {"q": "grant\x00"})

    assert response.status_code == 400
    assert NULL_MESSAGE in response.content.decode()


def test_a_query_string_without_a_null_character_still_reaches_the_page(client):
    response = client.get("/en/people/", {"q": "' OR 1=1 --%_\\"})

    assert response.status_code == 200


@pytest.mark.parametrize("selected", ["not-an-id", "10000000000000000000", "\x00"])
def test_an_admin_action_on_a_tampered_selection_is_refused_with_a_message(client, selected):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    clinic = ClinicFactory(status=Clinic.Status.DRAFT)
    url = reverse("admin:clinics_clinic_changelist")

    response = client.post(url, {"action": "publish", "_selected_action": [str(clinic.pk), selected]})

    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "The selection was not understood. Choose the items again."
    ]
    clinic.refresh_from_db()
    assert clinic.status == Clinic.Status.DRAFT


def test_an_admin_search_longer_than_the_limit_searches_its_beginning_with_a_message(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    ParticipantFactory(display_name="Amani")

    response = client.get(reverse("admin:participants_participant_changelist"), {"q": "Amani" + " " * 300 + "nobody"})

    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == [
        "The search is too long: only its first 200 characters are searched."
    ]
    assert [participant.display_name for participant in response.context["cl"].result_list] == ["Amani"]
