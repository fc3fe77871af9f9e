"""Whole pages in headless Chromium: accessibility, right-to-left layout, the language switcher, a phone screen."""

import re

import pytest


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_home_page_has_no_accessibility_violation(page, assert_accessible, language):
    page.goto(f"/{language}/")

    assert_accessible(page)


def test_arabic_really_lays_out_right_to_left(page):
    page.goto("/ar/")

    direction = page.evaluate("getComputedStyle(document.body).direction")
    header_layout = page.evaluate("getComputedStyle(document.querySelector('.site-header__inner')).display")
    brand = page.locator(".site-header__brand").bounding_box()
    switcher = page.locator(".language-switcher summary").bounding_box()

    assert direction == "rtl"
    assert header_layout == "flex"  # the stylesheets loaded
    # The brand starts the header: on the right in Arabic, so the language switcher sits to its left.
    assert brand["x"] > switcher["x"]


def test_english_lays_out_left_to_right(page):
    page.goto("/en/")

    brand = page.locator(".site-header__brand").bounding_box()
    switcher = page.locator(".language-switcher summary").bounding_box()

    assert brand["x"] < switcher["x"]


def test_a_person_switches_language_with_the_keyboard_and_stays_on_the_page(page):
    page.goto("/en/")

    page.locator(".language-switcher summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Kiswahili").click()
    page.wait_for_url(re.compile(r"/sw/$"))

    assert page.url.endswith("/sw/")
    assert page.locator("html").get_attribute("lang") == "sw"
    page.goto("/")
    assert page.url.endswith("/sw/")


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/en/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")

    assert focused == "Skip to main content"
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_home_page_fits_a_360_pixel_phone(phone_page):
    phone_page.goto("/en/")

    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    assert overflow == 0


def test_a_signed_in_person_sees_sign_out(logged_in_page):
    logged_in_page.goto("/en/")

    assert logged_in_page.get_by_role("button", name="Sign out").is_visible()
