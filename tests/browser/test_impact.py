"""The impact page in a browser: accessible in English and Arabic, its charts mirrored right to left."""

from datetime import UTC, datetime, timedelta

import pytest

from clinics.models import Clinic
from tests.factories import AttendanceFactory, ClinicFactory, ClinicSharerFactory, ParticipantFactory


def a_small_program():
    countries = ["KE", "NG", "BR", "EG", "IN", "FR", "US", "UA"]
    people = [
        ParticipantFactory(country_id=countries[number % 8], created_at=datetime(2023, 1, 1, tzinfo=UTC))
        for number in range(40)
    ]
    for number in range(8):
        clinic = ClinicFactory(
            status=Clinic.Status.HELD, start=datetime(2025, 1, 10, 14, tzinfo=UTC) + timedelta(weeks=6 * number)
        )
        for person in people[number * 5 : number * 5 + 5]:
            AttendanceFactory(clinic=clinic, participant=person)
        ClinicSharerFactory(clinic=clinic, participant=people[number])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_impact_page_has_no_accessibility_violation(page, assert_accessible, language):
    a_small_program()

    page.goto(f"/{language}/impact/")

    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == {"en": "Impact", "ar": "الأثر"}[language]


def test_in_arabic_the_bars_grow_from_the_right(page):
    a_small_program()

    page.goto("/ar/impact/")
    chart = page.locator("#regions ~ figure svg").first
    box = chart.bounding_box()
    bar = chart.locator("rect").first.bounding_box()
    label = chart.locator(".impact-chart__label").first.bounding_box()

    # The label sits at the right, and the bar starts at its left and grows leftwards.
    assert label["x"] > bar["x"] + bar["width"] - 1
    assert label["x"] + label["width"] > box["x"] + box["width"] * 0.6


def test_the_impact_page_fits_a_360_pixel_phone(phone_page):
    a_small_program()

    phone_page.goto("/en/impact/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    assert overflow == 0
