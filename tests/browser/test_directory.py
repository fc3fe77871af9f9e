"""The Skills Directory in a browser: accessible in both directions, usable without JavaScript."""

import re

import pytest

from participants.services import refresh_search_document
from skills.models import ParticipantSkill, Skill
from tests.factories import ParticipantFactory


@pytest.fixture
def sharer(db):
    participant = ParticipantFactory(display_name="Neema Mwangi", country_id="TZ")
    ParticipantSkill.objects.create(
        participant=participant,
        skill=Skill.objects.get(slug="fundraising-and-grant-writing"),
        kind="share",
        level="expert",
    )
    refresh_search_document(participant=participant)
    return participant


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_directory_has_no_accessibility_violation(page, assert_accessible, sharer, language):
    page.goto(f"/{language}/people/?region=SSA")

    assert page.locator(".directory__results .cdx-card").count() == 1
    assert_accessible(page)


def test_a_search_without_javascript_keeps_its_state_in_the_address(chromium, live_server, sharer):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/es/people/")

    page.fill("#id_q", "recaudación")
    page.select_option("#id_mode", "share")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]q=recaudaci%C3%B3n"))

    assert "q=recaudaci%C3%B3n" in page.url
    assert "mode=share" in page.url
    assert page.locator(".directory__results h3").all_inner_texts() == ["Neema Mwangi"]
    context.close()


def test_typing_in_the_skill_filter_narrows_the_list(logged_in_page):
    logged_in_page.goto("/en/profile/skills/")

    logged_in_page.fill("#skill-filter", "templates")

    visible = logged_in_page.locator(".skill-row:visible legend").all_inner_texts()
    assert visible == ["Templates and Lua"]
