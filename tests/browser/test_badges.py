"""Badges in a browser: the badge list and an award page, accessible in English and in Arabic (right to left)."""

import pytest

from badges import services
from badges.models import BadgeClass
from tests.factories import ParticipantFactory


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_badge_pages_have_no_accessibility_violation(page, assert_accessible, language):
    award = services.award_manually(
        badge=BadgeClass.objects.get(slug="ambassador"),
        participant=ParticipantFactory(display_name="Amani"),
        by=None,
        reason="Runs the Swahili clinics",
        notify=False,
    )

    page.goto(f"/{language}/badges/")
    assert_accessible(page)
    # Each badge image is drawn on its first request: wait until the browser has them all, then check each one.
    page.wait_for_function("[...document.images].every(image => image.complete)")
    images_loaded = page.evaluate("[...document.images].every(image => image.complete && image.naturalWidth === 256)")
    page.goto(f"/{language}/badges/awards/{award.uuid}/")
    assert_accessible(page)

    assert images_loaded is True
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.get_by_role("heading", level=1).inner_text() == {"en": "Ambassador", "ar": "سفير"}[language]
