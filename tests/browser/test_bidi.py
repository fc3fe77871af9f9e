"""Bidirectional text in the browser: on Arabic pages, English content and Latin names run left to right inside
the right-to-left page, and Arabic names inside English pages the other way."""

import pytest

from participants.services import refresh_search_document
from skills.models import ParticipantSkill, Skill, SkillCategory
from tests.factories import ClinicFactory, ParticipantFactory, ResourceFactory, TopicFactory

DIRECTION = "element => getComputedStyle(element).direction"
# Every element on the page whose text is the given English: (tag, lang, computed direction) of each. The options
# of the filter forms' menus are left out: a menu draws its options in its own direction whatever they say.
ENGLISH_TEXT = """text => [...document.querySelectorAll("body *")]
    .filter(element => element.childElementCount === 0 && element.textContent.trim() === text)
    .filter(element => !element.closest("select"))
    .map(element => [element.tagName.toLowerCase(), element.closest("[lang]").lang,
                     getComputedStyle(element).direction])"""


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
    # A skill added to the taxonomy in English only: its name falls back to English on Arabic pages.
    lua = Skill.objects.create(
        category=SkillCategory.objects.order_by("pk").first(), slug="lua-modules", name_en="Lua modules"
    )
    ParticipantSkill.objects.create(participant=participant, skill=lua, kind="share", level="expert")
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


def test_every_english_fallback_on_the_arabic_clinic_pages_says_it_is_english_and_runs_left_to_right(page):
    topic = TopicFactory(name_en="Grants", name_ar="")
    clinic = ClinicFactory(title_en="Budgets that add up.", topic=topic, purpose_en="A two-hour session.")
    resource = ResourceFactory(title_en="Writing a budget.", summary_en="Ten steps.", clinic=clinic)

    page.goto("/ar/clinics/")
    card_title = page.evaluate(ENGLISH_TEXT, "Budgets that add up.")
    card_topic = page.evaluate(ENGLISH_TEXT, "Grants")
    page.goto(f"/ar/clinics/{clinic.slug}/")
    detail = [page.evaluate(ENGLISH_TEXT, text) for text in ("Budgets that add up.", "Grants", "A two-hour session.")]
    page.goto(resource.get_absolute_url().replace("/en/", "/ar/"))
    resource_texts = [page.evaluate(ENGLISH_TEXT, text) for text in ("Writing a budget.", "Ten steps.")]

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert card_title == [["a", "en", "ltr"]]
    assert card_topic == [["span", "en", "ltr"]]
    assert detail == [[["h1", "en", "ltr"]], [["span", "en", "ltr"]], [["p", "en", "ltr"]]]
    assert resource_texts == [[["h1", "en", "ltr"]], [["p", "en", "ltr"]]]


def test_the_arabic_profile_and_directory_mark_an_english_skill_name_and_not_the_translated_one(page, neema):
    page.goto(neema.get_absolute_url().replace("/en/", "/ar/"))
    on_profile = page.evaluate(ENGLISH_TEXT, "Lua modules")
    translated = page.locator(".tag-list li", has_text="المنح").first
    translated_lang = translated.evaluate("element => element.closest('[lang]').lang")
    page.goto("/ar/people/?region=SSA")
    in_directory = page.evaluate(ENGLISH_TEXT, "Lua modules")

    assert on_profile == [["span", "en", "ltr"]]
    assert translated_lang == "ar"
    assert in_directory == [["li", "en", "ltr"]]
