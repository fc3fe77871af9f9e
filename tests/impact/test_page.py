"""The public impact page: its figures, the small-group rule, the dates asked for, its cost in queries."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from clinics.models import Clinic
from participants.models import HomeWiki
from tests.factories import AttendanceFactory, ClinicFactory, ClinicSharerFactory, ParticipantFactory

from .conftest import at

pytestmark = pytest.mark.django_db

# The fingerprint of the tables written in bulk; then, in a transaction (a savepoint and its release inside
# the test's own), the settings of the reporting queries, regions, countries, and one query each for the
# registered, the unregistered, Wikipedias, affiliates, clinics, shares, sharers' genders and retention; then the
# on-wiki activity: the accounts read (with the first-clinic cohort), edits per quarter, editors per Wikipedia.
UNCACHED_QUERIES = 17
CACHED_QUERIES = 1


def program(size):
    """`size` clinics with 6 participants, 2 unregistered attendees and 2 sharers each, over 2 years."""
    for number in range(size):
        clinic = ClinicFactory(status=Clinic.Status.HELD, start=at(2024, 1 + number % 12, 10) + timedelta(days=number))
        attendees = ParticipantFactory.create_batch(6, created_at=at(2023, 1, 1) + timedelta(days=number))
        for participant in attendees:
            AttendanceFactory(clinic=clinic, participant=participant)
            HomeWiki.objects.create(participant=participant, project="wikipedia", language="sw")
        for index in range(2):
            AttendanceFactory(clinic=clinic, participant=None, name=f"Guest {number}-{index}", country_id="GH")
        for participant in attendees[:2]:
            ClinicSharerFactory(clinic=clinic, participant=participant)


def figure_text(page, label):
    """The value shown under a figure's label."""
    start = page.index(f'<dt class="impact-figure__label">{label}</dt>')
    value = page.index('<dd class="impact-figure__value">', start) + len('<dd class="impact-figure__value">')
    return page[value : page.index("</dd>", value)]


@pytest.mark.parametrize("size", [1, 3])
def test_the_page_costs_a_fixed_number_of_queries_whatever_the_data(client, django_assert_num_queries, size):
    program(size)

    with django_assert_num_queries(UNCACHED_QUERIES):
        first = client.get("/en/impact/?as_of=2025-06-30")
    with django_assert_num_queries(CACHED_QUERIES):
        second = client.get("/en/impact/?as_of=2025-06-30")

    page = first.content.decode()
    assert (first.status_code, second.status_code) == (200, 200)
    assert (figure_text(page, "Participants"), figure_text(page, "Clinics held")) == (
        # 8 people, 2 of them unregistered: withholding the registered would still tell that the unregistered
        # are at most 3, so the whole breakdown is withheld, the total too.
        {1: "not shown", 3: "24"}[size],
        {1: "1", 3: "3"}[size],
    )
    assert second.context["figures"] == first.context["figures"]


def test_the_page_shows_each_figure_and_fewer_than_5_for_small_groups(client):
    program(3)  # 18 participants, 6 unregistered attendees from Ghana, 3 clinics, 6 shares

    page = client.get("/en/impact/?as_of=2025-06-30").content.decode()

    assert {
        label: figure_text(page, label)
        for label in (
            "Participants",
            "Countries",
            "Language Wikipedias",
            "Clinics held",
            "Clinics with Foundation staff",
            "Shares from underrepresented regions",
            "Sharers who identify as women",
            "Retention",
        )
    } == {
        "Participants": "24",
        "Countries": "2",
        "Language Wikipedias": "1",
        "Clinics held": "3",
        "Clinics with Foundation staff": "fewer than 5",  # 3 clinics
        "Shares from underrepresented regions": "100%",  # 6 shares from Kenya
        "Sharers who identify as women": "No answers yet",  # nobody answered: no percentage at all
        "Retention": "0%",  # 18 registered more than 2 years before, none came in the 3 months before
    }
    assert "18 registered, 6 attended without registering" in page


def test_nothing_on_the_page_names_a_person(client):
    participant = ParticipantFactory(display_name="Zawadi Kamau", wikimedia_username="ZawadiK")
    clinic = ClinicFactory(status=Clinic.Status.HELD, start=at(2025, 3, 1))
    AttendanceFactory(clinic=clinic, participant=participant)
    AttendanceFactory(clinic=clinic, participant=None, name="Bilal Haddad", email="bilal@example.net")
    ClinicSharerFactory(clinic=clinic, participant=None, name="Alex Guest", email="alex@example.org")

    page = client.get("/en/impact/").content.decode()

    assert [word for word in ("Zawadi", "ZawadiK", "Bilal", "bilal@", "Alex Guest", "alex@") if word in page] == []


def test_the_as_of_date_defaults_to_today_and_a_future_one_is_refused(client):
    today = timezone.now().date()

    default = client.get("/en/impact/")
    future = client.get(f"/en/impact/?as_of={today + timedelta(days=1)}")

    assert default.context["period"].as_of == today
    assert (future.context["period"].as_of, future.context["form"].errors["as_of"]) == (
        today,
        ["Choose today or an earlier day."],
    )


def test_a_start_after_the_as_of_date_is_refused(client):
    response = client.get("/en/impact/?as_of=2025-01-01&start=2025-02-01")

    assert (response.context["period"].start, response.context["form"].errors["start"]) == (
        None,
        ["Choose a day before the “as of” day."],
    )


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar", "pt", "sw"])
def test_the_page_answers_in_every_language_and_arabic_right_to_left(client, language):
    program(1)

    response = client.get(f"/{language}/impact/?as_of={date(2025, 6, 30)}")

    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in response.content.decode()


def test_the_navigation_links_to_the_impact_page(client):
    page = client.get("/en/").content.decode()

    assert 'href="/en/impact/"' in page
