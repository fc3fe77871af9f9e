"""Impossible months, years outside 2000-2100, multi-line titles and over-long durations: refused with a message on
the clinic list and by import_clinics, and a calendar feed never fails because of one clinic saved before the checks."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from clinics.models import Clinic, Registration
from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("0000-01", "Month: Choose a date between the years 2000 and 2100."),
        ("2101-01", "Month: Choose a date between the years 2000 and 2100."),
        ("1999-12", "Month: Choose a date between the years 2000 and 2100."),
        ("2026-13", "Month: Write the month as YYYY-MM."),
    ],
)
def test_an_impossible_month_is_a_message_on_the_clinic_list(client, month, message):
    ClinicFactory(title="Grants 101")

    response = client.get(reverse("clinics:list"), {"month": month})

    assert response.status_code == 200
    assert f"<p>{message}</p>" in response.content.decode()
    assert "Grants 101" in response.content.decode()


def test_a_month_in_range_still_filters(client):
    ClinicFactory(title="In March", start=datetime(2030, 3, 4, 14, tzinfo=UTC))
    ClinicFactory(title="In April", start=datetime(2030, 4, 4, 14, tzinfo=UTC))

    page = client.get(reverse("clinics:list"), {"month": "2030-03"}).content.decode()

    assert ("In March" in page, "In April" in page) == (True, False)


def test_import_clinics_refuses_far_years_long_durations_and_multi_line_titles(tmp_path):
    path = tmp_path / "clinics.csv"
    path.write_text(
        "slug,title,topic,starts_at,duration_minutes\n"
        "far,Far away,Grants,9999-12-31T10:00+00:00,60\n"
        "long,Very long,Grants,2030-03-04T10:00+00:00,10080\n"
        'lines,"Two\nlines",Grants,2030-03-04T10:00+00:00,60\n'
        "good,Good one,Grants,2030-03-04T10:00+00:00,720\n",
        encoding="utf-8",
    )
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command("import_clinics", str(path), stdout=stdout, stderr=stderr)

    assert stderr.getvalue() == (
        'line 2: starts_at "9999-12-31T10:00+00:00" is not between the years 2000 and 2100\n'
        'line 3: duration_minutes "10080" is not a whole number of minutes from 1 to 720\n'
        "line 4: title holds a line break; write it on one line\n"
    )
    assert list(Clinic.objects.values_list("slug", flat=True)) == ["good"]


def _saved_before_the_checks(**fields):
    """A clinic as an earlier version let it be saved (bypassing today's validation)."""
    clinic = ClinicFactory()
    Clinic.objects.filter(pk=clinic.pk).update(**fields)
    clinic.refresh_from_db()
    return clinic


def _events(response):
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    return [str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]


def test_the_feeds_leave_out_a_clinic_whose_dates_cannot_be_written_and_keep_the_others(client):
    far = _saved_before_the_checks(start=datetime(9999, 12, 31, 10, tzinfo=UTC), duration=timedelta(minutes=10080))
    ClinicFactory(title="Grants 101", start=timezone.now() + timedelta(days=3))
    person = ParticipantFactory()
    for clinic in Clinic.objects.all():
        Registration.objects.create(clinic=clinic, participant=person)
    client.force_login(person.user)
    client.post(reverse("clinics:reset_feed"))
    token = person.calendar.token

    public = client.get(reverse("clinics:feed"))
    personal = client.get(reverse("clinics:personal_feed", args=[token]))
    own = client.get(reverse("clinics:ics", args=[far.slug]))

    assert (_events(public), _events(personal), _events(own)) == (["Grants 101"], ["Grants 101"], [])


def test_a_title_saved_on_several_lines_is_one_line_in_calendars(client):
    clinic = _saved_before_the_checks(title_en="Grants\n101\r\nfor all")

    response = client.get(reverse("clinics:ics", args=[clinic.slug]))

    assert _events(response) == ["Grants 101 for all"]


@pytest.mark.parametrize("year", ["9999", "99999999999", "٢٠٢٦"])
def test_a_year_the_admins_date_hierarchy_cannot_show_is_a_message(client, liaison, year):
    ClinicFactory(title="Grants 101")
    client.force_login(liaison)
    changelist = reverse("admin:clinics_clinic_changelist")

    response = client.get(changelist, {"start__year": year, "start__month": "1", "status": "scheduled"}, follow=True)

    assert response.redirect_chain == [(f"{changelist}?e=1", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "That year cannot be shown: choose one from the list."
    ]
    assert [clinic.title for clinic in response.context["cl"].result_list] == ["Grants 101"]
