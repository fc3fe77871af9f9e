"""Planning a clinic in the admin: an IANA zone, the start on that zone's clock with UTC beside it, the duration in
minutes, and every bad value a message on the form (never a 500, never half a save)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from clinics.models import Clinic
from tests.factories import ClinicFactory, TopicFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:clinics_clinic_add")
CHANGELIST = reverse("admin:clinics_clinic_changelist")


@pytest.fixture
def liaison_client(client, liaison):
    client.force_login(liaison)
    return client


def _form(**changes):
    data = {
        "title_en": "Grants 101",
        "slug": "grants-101",
        "topic": TopicFactory().pk,
        "kind": "clinic",
        "scope": "open",
        "language": "en",
        "start_0": "2030-03-04",
        "start_1": "10:00",
        "duration": "90",
        "planned_time_zone": "America/Sao_Paulo",
        "status": "draft",
        **{
            f"{prefix}-{suffix}": value
            for prefix in ("sharers", "registrations", "attendances", "materials", "feedback")
            for suffix, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        },
    }
    data.update(changes)
    return data


def _errors(response):
    form = response.context["adminform"].form
    return {name: list(errors) for name, errors in form.errors.items()}


def test_the_start_is_typed_on_the_planning_zones_clock_and_kept_in_utc(liaison_client):
    response = liaison_client.post(ADD, _form())

    clinic = Clinic.objects.get()
    assert response.status_code == 302
    assert (clinic.start, clinic.duration, clinic.planned_time_zone) == (
        datetime(2030, 3, 4, 13, 0, tzinfo=UTC),
        timedelta(minutes=90),
        "America/Sao_Paulo",
    )


def test_the_change_page_shows_the_local_start_with_the_utc_instant_beside_it(liaison_client):
    # 14:00 UTC is 15:00 in Paris in winter.
    clinic = ClinicFactory(start=datetime(2030, 3, 4, 14, 0, tzinfo=UTC), planned_time_zone="Europe/Paris")

    page = liaison_client.get(reverse("admin:clinics_clinic_change", args=[clinic.pk])).content.decode()

    assert 'name="start_1" value="15:00:00"' in page
    assert "In UTC: 2030-03-04 14:00 UTC</output>" in page
    assert 'name="duration" value="120"' in page
    assert "In minutes: 90 for an hour and a half" in page
    assert '<option value="Europe/Paris" selected>Europe/Paris</option>' in page


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"planned_time_zone": "Mars/Olympus"}, {"planned_time_zone": [
            "Select a valid choice. Mars/Olympus is not one of the available choices."]}),
        ({"planned_time_zone": "Europe/Paris", "start_0": "2030-03-31", "start_1": "02:30"}, {"start": [
            "02:30 does not exist in Europe/Paris that day: the clocks go forward. Choose another time."]}),
        ({"duration": "10080"}, {"duration": ["A clinic lasts at most 720 minutes (12 hours)."]}),
        ({"duration": "01:30:00"}, {"duration": ["Write the duration as a whole number of minutes, such as 90."]}),
        ({"duration": "0"}, {"duration": ["A clinic must end after it starts: give it a duration longer than zero."]}),
        ({"title_en": "Grants\n101"}, {"title_en": ["Write the title on one line."]}),
        ({"start_0": "9999-12-31"}, {"start": ["Choose a date between the years 2000 and 2100."]}),
        ({"start_0": "0001-01-01"}, {"start": ["Choose a date between the years 2000 and 2100."]}),
    ],
)  # fmt: skip
def test_a_bad_value_is_a_message_on_the_form_and_nothing_is_saved(liaison_client, changes, errors):
    response = liaison_client.post(ADD, _form(**changes))

    assert response.status_code == 200
    assert _errors(response) == errors
    assert Clinic.objects.count() == 0


def test_a_zone_saved_before_zones_were_checked_opens_as_utc_and_duplicates_without_error(liaison_client):
    clinic = ClinicFactory(title="Grants 101", start=datetime(2030, 3, 4, 14, 0, tzinfo=UTC))
    Clinic.objects.filter(pk=clinic.pk).update(planned_time_zone="Mars/Olympus")
    action = {"action": "duplicate", "_selected_action": [clinic.pk]}

    change_page = liaison_client.get(reverse("admin:clinics_clinic_change", args=[clinic.pk]))
    form_page = liaison_client.post(CHANGELIST, action)
    copied = liaison_client.post(CHANGELIST, {**action, "apply": "1", "date": "2030-04-01"})
    out_of_range = liaison_client.post(CHANGELIST, {**action, "apply": "1", "date": "2101-01-01"})

    copy = Clinic.objects.exclude(pk=clinic.pk).get()
    assert (change_page.status_code, form_page.status_code, copied.status_code) == (200, 200, 302)
    assert '<option value="UTC" selected>UTC</option>' in change_page.content.decode()
    assert (copy.start, copy.planned_time_zone) == (datetime(2030, 4, 1, 14, 0, tzinfo=UTC), "UTC")
    assert out_of_range.context["form"].errors == {"date": ["Choose a date between the years 2000 and 2100."]}
