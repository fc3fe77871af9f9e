"""Staff download the figures and the tables by region and by language as CSV; nobody else does."""

import csv
import io

import pytest

from clinics.models import Clinic
from participants.models import Affiliate
from tests.factories import ClinicFactory, ClinicSharerFactory, ParticipantFactory, UserFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/en/impact/figures.csv")

    assert (response.status_code, response["Location"]) == (302, "/en/accounts/login/?next=/en/impact/figures.csv")


def test_a_participant_who_is_not_staff_is_refused(client):
    client.force_login(ParticipantFactory().user)

    response = client.get("/en/impact/regions.csv")

    assert response.status_code == 403


def test_an_unknown_table_is_not_found(staff_client):
    assert staff_client.get("/en/impact/people.csv").status_code == 404


def test_staff_download_the_figures_with_small_groups_hidden(staff_client):
    Affiliate.objects.all().delete()
    sharers = ParticipantFactory.create_batch(5, created_at=at(2025, 1, 1), gender="woman", country_id="TZ")
    for month, sharer in enumerate(sharers, start=1):
        clinic = ClinicFactory(status=Clinic.Status.HELD, start=at(2026, month, 2))
        ClinicSharerFactory(participant=sharer, clinic=clinic)

    response = staff_client.get("/en/impact/figures.csv?as_of=2026-06-30&start=2024-01-01")

    assert response["Content-Disposition"] == 'attachment; filename="impact-figures-2026-06-30-from-2024-01-01.csv"'
    assert rows(response) == [
        ["figure", "value", "as of", "from"],
        ["participants", "5", "2026-06-30", "2024-01-01"],
        ["registered participants", "5", "2026-06-30", "2024-01-01"],
        ["unregistered attendees", "0", "2026-06-30", "2024-01-01"],  # zero is 0, not "<5"
        ["countries", "1", "2026-06-30", "2024-01-01"],
        ["language Wikipedias", "0", "2026-06-30", "2024-01-01"],
        ["affiliates engaged", "0", "2026-06-30", "2024-01-01"],
        ["affiliates on record", "0", "2026-06-30", "2024-01-01"],
        ["affiliates engaged (%)", "", "2026-06-30", "2024-01-01"],  # a share of nothing
        ["clinics held", "5", "2026-06-30", "2024-01-01"],
        ["topics", "5", "2026-06-30", "2024-01-01"],
        ["clinics with Wikimedia Foundation staff (%)", "0", "2026-06-30", "2024-01-01"],
        ["shares from underrepresented regions (%)", "100", "2026-06-30", "2024-01-01"],
        ["women sharers (%)", "100", "2026-06-30", "2024-01-01"],
        ["participants registered more than 2 years before", "0", "2026-06-30", "2024-01-01"],
        ["retention (%)", "", "2026-06-30", "2024-01-01"],
        ["participants sharing their on-wiki activity", "0", "2026-06-30", "2024-01-01"],
        ["of them, participants whose first clinic was 3 months before or more", "0", "2026-06-30", "2024-01-01"],
        ["active on a wiki in the 3 months after their first clinic (%)", "", "2026-06-30", "2024-01-01"],
    ]


def test_staff_download_the_tables_by_region_and_by_language(staff_client):
    for country, language, count in (("BR", "pt", 6), ("DE", "de", 9), ("US", "en", 1)):
        for participant in ParticipantFactory.create_batch(count, created_at=at(2025, 1, 1), country_id=country):
            participant.home_wikis.create(project="wikipedia", language=language)

    regions = staff_client.get("/en/impact/regions.csv?as_of=2026-06-30")
    languages = staff_client.get("/en/impact/languages.csv?as_of=2026-06-30")

    assert rows(regions) == [
        ["region code", "region", "participants", "shares"],
        ["CEECA", "Central & Eastern Europe and Central Asia", "0", "0"],
        ["ESEAP", "East, Southeast Asia and the Pacific", "0", "0"],
        ["LAC", "Latin America and the Caribbean", "6", "0"],
        ["MENA", "Middle East and North Africa", "0", "0"],
        ["NA", "North America", "<5", "0"],
        # Withheld: with the 16 participants shown, NA = 16 - 6 = 1 otherwise. Not LAC: NA + LAC = 7 would
        # leave NA at most 2, a withheld figure being 5 or more.
        ["NWE", "Northern and Western Europe", "[c]", "0"],
        ["SA", "South Asia", "0", "0"],
        ["SSA", "Sub-Saharan Africa", "0", "0"],
        ["", "Region not known", "0", "0"],
    ]
    assert rows(languages) == [
        [
            "language code",
            "language",
            "participants (home Wikipedia)",
            "clinics held",
            "shares",
            "participants active on this Wikipedia",
        ],
        ["de", "German", "9", "0", "0", "0"],
        ["pt", "Portuguese", "6", "0", "0", "0"],
        ["en", "English", "<5", "0", "0", "0"],
    ]


def test_staff_see_the_download_links_and_others_do_not(client, staff_client):
    link = 'href="/en/impact/figures.csv?as_of=2026-06-30"'

    staff_page = staff_client.get("/en/impact/?as_of=2026-06-30").content.decode()
    client.logout()
    public_page = client.get("/en/impact/?as_of=2026-06-30").content.decode()

    assert (link in staff_page, link in public_page) == (True, False)
