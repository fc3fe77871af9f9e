"""Cancelling in the admin asks first, and says how many people will be told; nothing changes until confirmed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from clinics.models import Clinic, Registration
from tests.factories import ClinicFactory, ClinicSharerFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:clinics_clinic_changelist")


@pytest.fixture
def liaison_client(client):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)
    return client


@pytest.fixture
def clinic():
    """Two registered, one waitlisted, one who cancelled, one sharer: four people to tell."""
    clinic = ClinicFactory(title="Grants 101")
    for status in ("registered", "registered", "waitlisted", "cancelled"):
        RegistrationFactory(clinic=clinic, status=status)
    ClinicSharerFactory(clinic=clinic)
    return clinic


def _choose(client, *clinics, **extra):
    return client.post(CHANGELIST, {"action": "cancel", "_selected_action": [c.pk for c in clinics], **extra})


def test_choosing_cancel_asks_first_says_how_many_people_will_be_told_and_changes_nothing(
    liaison_client, clinic, mailoutbox, django_capture_on_commit_callbacks
):
    held = ClinicFactory(title="Held before", start=timezone.now() - timedelta(days=3), status=Clinic.Status.HELD)

    with django_capture_on_commit_callbacks(execute=True):
        response = _choose(liaison_client, clinic, held)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancelling tells 4 people by email, in their language" in html
    assert 'value="Yes, cancel 1 clinic"' in html
    assert "not cancellable: left as it is" in html
    assert f'name="_selected_action" value="{held.pk}"' not in html
    clinic.refresh_from_db()
    assert (clinic.status, len(mailoutbox)) == (Clinic.Status.SCHEDULED, 0)


def test_confirming_cancels_and_tells_the_four_once(
    liaison_client, clinic, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _choose(liaison_client, clinic, apply="1")

    clinic.refresh_from_db()
    assert response.status_code == 302
    assert clinic.status == Clinic.Status.CANCELLED
    assert len(mailoutbox) == 4
    assert len({email.to[0] for email in mailoutbox}) == 4
    assert Registration.objects.filter(clinic=clinic, status="cancelled").count() == 1


def test_a_clinic_that_has_ended_cannot_be_cancelled(liaison_client, mailoutbox):
    ended = ClinicFactory(start=timezone.now() - timedelta(days=1))

    _choose(liaison_client, ended, apply="1")

    ended.refresh_from_db()
    assert (ended.status, len(mailoutbox)) == (Clinic.Status.SCHEDULED, 0)


@pytest.mark.parametrize("count", [1, 3])
def test_the_confirmation_reads_the_clinics_at_two_queries_each_to_count_the_people(
    liaison_client, django_assert_num_queries, count
):
    clinics = [ClinicFactory() for _ in range(count)]

    # What the admin reads for any action (session, user, permissions, the chosen clinics), then two counts each.
    with django_assert_num_queries(13 + 2 * count):
        response = _choose(liaison_client, *clinics)

    assert response.status_code == 200
