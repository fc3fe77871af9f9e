"""The liaisons' outreach pages in the admin: the reach before sending, and lists that cost the same queries."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from outreach import services
from outreach.models import Referral
from participants import services as participant_services
from participants.liaisons import LIAISON_GROUP
from tests.factories import AmbassadorFactory, AnnouncementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison_client(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=LIAISON_GROUP))
    client.force_login(user)
    return client


def test_the_change_page_shows_the_reach_per_language_before_sending(liaison_client, opted_in):
    for language in ("es", "es", "fr"):
        opted_in(email_language=language)
    announcement = AnnouncementFactory()

    response = liaison_client.get(reverse("admin:outreach_announcement_change", args=[announcement.pk]))

    assert "3 in all (Spanish: 2, French: 1)" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_announcement_list_costs_the_same_queries_with_1_or_3(
    liaison_client, django_assert_max_num_queries, count, opted_in
):
    opted_in()
    for _number in range(count):
        services.approve_announcement(announcement_id=AnnouncementFactory().pk, user=None)

    with django_assert_max_num_queries(10):
        response = liaison_client.get(reverse("admin:outreach_announcement_changelist"))

    assert response.context["cl"].result_count == count
    assert response.content.decode().count('<td class="field-progress">0 / 0 / 0 / 1</td>') == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_ambassador_list_costs_the_same_queries_with_1_or_3(liaison_client, django_assert_max_num_queries, count):
    for _number in range(count):
        Referral.objects.create(ambassador=AmbassadorFactory(), user=UserFactory())

    with django_assert_max_num_queries(11):
        response = liaison_client.get(reverse("admin:outreach_ambassador_changelist"))

    assert response.context["cl"].result_count == count


def test_the_data_download_says_who_invited_the_person_and_what_they_received(opted_in):
    ambassador = AmbassadorFactory(participant__display_name="Amani")
    participant = opted_in()
    Referral.objects.create(ambassador=ambassador, user=participant.user)

    data = participant_services.export_personal_data(participant=participant)

    assert data["outreach"] == {
        "ambassador_code": None,
        "registrations_through_my_link": 0,
        "invited_by": "Amani",
        "emails_received": [],
    }
    assert data["privacy"]["announcements_enabled"] is True
