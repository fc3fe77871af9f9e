"""The profile pages cost the same number of queries whatever the profile holds."""

import pytest
from django.urls import reverse

import badges.services
from clinics.models import Clinic, ClinicSharer
from participants.models import HomeWiki, SpokenLanguage
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["sw", "en", "fr"]
WIKIS = ["wikipedia", "wiktionary", "wikisource"]


def _profile_with(count):
    participant = ParticipantFactory(
        user__username=f"p{count}", bio="Bio", time_zone="Africa/Nairobi", show_time_zone=True, show_attendance=True
    )
    for index in range(count):
        SpokenLanguage.objects.create(participant=participant, language=LANGUAGES[index])
        HomeWiki.objects.create(participant=participant, project=WIKIS[index], language="sw")
        AttendanceFactory(participant=participant, clinic=ClinicFactory(status=Clinic.Status.HELD))
        ClinicSharer.objects.create(participant=participant, clinic=ClinicFactory(status=Clinic.Status.HELD))
    badges.services.evaluate(participant=participant)
    return participant


@pytest.mark.parametrize("count", [1, 3])
def test_a_public_profile_costs_the_same_queries_with_1_or_3_of_everything(
    client, django_assert_max_num_queries, count
):
    participant = _profile_with(count)

    # Nothing of the owner's own (the ambassador link) is read; one query asks whether they show their on-wiki
    # activity (the activity app's section).
    with django_assert_max_num_queries(8):
        response = client.get(participant.get_absolute_url())

    page = response.content.decode()
    assert (response.status_code, page.count('href="/en/clinics/clinic-'), page.count('href="/en/badges/awards/')) == (
        200,
        2 * count,
        {1: 2, 3: 3}[count],  # first clinic and first share; with three shares, "3 shares" too
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_owners_profile_and_edit_pages_cost_the_same_queries_with_1_or_3_of_everything(
    client, django_assert_max_num_queries, count
):
    participant = _profile_with(count)
    client.force_login(participant.user)

    with django_assert_max_num_queries(12):
        profile = client.get(participant.get_absolute_url())
    with django_assert_max_num_queries(9):
        edit = client.get(reverse("participants:edit"))

    assert (profile.status_code, edit.status_code) == (200, 200)
