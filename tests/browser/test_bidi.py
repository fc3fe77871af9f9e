"""Bidirectional text in the browser: on Arabic pages, English content and Latin names run left to right inside
the right-to-left page, and Arabic names inside English pages the other way."""

import pytest

from participants.services import refresh_search_document
from skills.models import ParticipantSkill, Skill
from tests.factories import ClinicFactory, ParticipantFactory

DIRECTION = "element => getComputedStyle(element).direction"


@pytest.fixture
def neema(db):
    participant = ParticipantFactory(
        display_name="Neema Mwangi!", bio="I edit Swahili Wikipedia.", listed=True, country_id="TZ"
    )
    participant.languages.create(language="arz", level="N")
    ParticipantSkill.objects.create(
        participant=participant,
        skill=Skill.objects.get(slug="fundraising-and-grant-writing"),
        kind="share",
        level="expert",
    )
    refresh_search_document(participant=participant)
    return participant


def test_the_arabic_clinic_page_runs_an_untranslated_purpose_left_to_right(page):
    clinic = ClinicFactory(title_en="Grant writing", title_ar="كتابة المنح", purpose_en="A two-hour session.")

    page.goto(f"/ar/clinics/{clinic.slug}/")

    purpose = page.locator("p[lang=en]")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert purpose.inner_text() == "A two-hour session."
    assert purpose.evaluate(DIRECTION) == "ltr"
    assert page.locator("h1").evaluate(DIRECTION) == "rtl"


def test_the_arabic_profile_isolates_a_latin_name_and_bio_and_marks_an_autonym(page, neema):
    page.goto(neema.get_absolute_url().replace("/en/", "/ar/"))

    name = page.locator("#profile-name bdi")
    assert name.inner_text() == "Neema Mwangi!"
    assert name.evaluate(DIRECTION) == "ltr"
    assert page.locator(".profile__bio").evaluate(DIRECTION) == "ltr"
    autonym = page.locator("span[lang=arz]")
    assert (autonym.inner_text(), autonym.evaluate(DIRECTION)) == ("مصرى", "rtl")


def test_the_arabic_directory_isolates_each_name(page, neema):
    page.goto("/ar/people/?region=SSA")

    card_name = page.locator(".directory__results h3 bdi")
    assert card_name.all_inner_texts() == ["Neema Mwangi!"]
    assert card_name.evaluate(DIRECTION) == "ltr"
    # The exclamation mark stays at the end of the name, on its right (not isolated, it would jump to the left).
    mark_is_right_of_first_letter = card_name.evaluate(
        """element => {
            const text = element.firstChild, range = document.createRange();
            range.setStart(text, 0); range.setEnd(text, 1);
            const first = range.getBoundingClientRect().left;
            range.setStart(text, text.length - 1); range.setEnd(text, text.length);
            return range.getBoundingClientRect().left > first;
        }"""
    )
    assert mark_is_right_of_first_letter is True
