"""The whole registration journey in a browser: from the home page to a finished profile, in Spanish and Arabic."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from participants.models import Participant

JOURNEYS = [
    # language, username, country, spoken language, display name
    ("es", "lucia", "MX", "es", "Lucía Ramírez"),
    ("ar", "layla", "EG", "ar", "ليلى حداد"),
]


@pytest.mark.parametrize(("language", "username", "country", "spoken", "display_name"), JOURNEYS)
def test_a_new_participant_registers_from_the_home_page_to_a_finished_profile(
    page, assert_accessible, language, username, country, spoken, display_name
):
    with translation.override(language):
        join_label = gettext("Join Let’s Connect")
        save_label = gettext("Save my profile")

    page.goto(f"/{language}/")
    page.get_by_role("link", name=join_label).click()

    # Step 1: the account.
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.fill("input[name=email]", f"{username}@example.org")
    page.fill("input[name=username]", username)
    page.fill("input[name=password1]", "a long and unusual passphrase")
    page.locator("form.form button[type=submit]").click()

    # The verification email, in the page's language, carries the link that confirms the address.
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[0].body).group(0)
    assert f"/{language}/accounts/confirm-email/" in link
    page.goto(urlsplit(link).path)
    page.locator("form.form button[type=submit]").click()

    # Step 2: the profile, on one screen.
    page.wait_for_url(re.compile(rf"/{language}/welcome/$"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.fill("#id_display_name", display_name)
    page.select_option("#id_country", country)
    page.select_option("#id_role", "independent-organiser")
    page.select_option("#id_languages-0-language", spoken)
    page.select_option("#id_languages-0-level", "N")
    page.check("#id_consent")
    page.get_by_role("button", name=save_label).click()

    page.wait_for_url(re.compile(rf"/{language}/people/{username}/$"))
    assert page.locator("h1").inner_text() == display_name
    assert_accessible(page)
    participant = Participant.objects.get(user__username=username)
    assert (participant.country_id, participant.languages.get().language) == (country, spoken)
    assert participant.user.emailaddress_set.get().verified is True


@pytest.mark.parametrize("path", ["/ar/accounts/login/", "/en/accounts/password/reset/", "/en/privacy/"])
def test_the_account_pages_have_no_accessibility_violation(page, assert_accessible, path):
    page.goto(path)

    assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/ar/profile/edit/", "/en/profile/settings/", "/en/profile/delete/", "/ar/profile/skills/"]
)
def test_the_owners_pages_have_no_accessibility_violation(logged_in_page, assert_accessible, path):
    logged_in_page.goto(path)

    assert logged_in_page.locator("h1").count() == 1
    assert_accessible(logged_in_page)


def test_a_participant_fixes_a_bad_answer_without_losing_the_others(logged_in_page):
    logged_in_page.goto("/en/profile/edit/")
    logged_in_page.fill("#id_display_name", "")
    logged_in_page.fill("#id_pronouns", "she/her")
    logged_in_page.get_by_role("button", name="Save changes").click()

    expect(logged_in_page.locator(".form-field__error").first).to_have_text("This field is required.")
    assert logged_in_page.input_value("#id_pronouns") == "she/her"
    logged_in_page.fill("#id_display_name", "Neema M.")
    logged_in_page.select_option("#id_languages-0-language", "sw")
    logged_in_page.check("#id_consent")  # the factory's participant never accepted the current statement
    logged_in_page.get_by_role("button", name="Save changes").click()
    expect(logged_in_page.locator("h1")).to_have_text(re.compile(r"^Neema M\."))
