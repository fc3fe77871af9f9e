"""The Content-Security-Policy in a real browser: inline code is blocked (and the suite's watch notices), while the
site's own scripts and Django's admin all run under it. The watch (conftest.py) fails a test on any violation."""

import re

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import expect

from clinics.models import ClinicSharer
from outreach.models import Announcement
from tests.browser.conftest import signed_in_context
from tests.factories import AnnouncementFactory, ClinicFactory, ParticipantFactory, ResourceFactory, UserFactory

VIOLATIONS_TIMEOUT_MS = 5_000


def test_the_policy_blocks_inline_code_and_the_watch_reports_it(page, chromium):
    page.goto("/en/")

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineScriptRan = true";
          document.body.append(script);
          const box = document.createElement("div");
          box.setAttribute("style", "color: red");
          document.body.append(box);
        }"""
    )
    expected = ("script-src-elem blocked inline", "style-src-attr blocked inline")
    for _ in range(VIOLATIONS_TIMEOUT_MS // 100):
        if all(any(v.startswith(e) for v in chromium.violations) for e in expected):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)  # and the console's copies
    reported = list(chromium.violations)
    chromium.violations.clear()  # seen: this test expects them

    assert page.evaluate("() => window.inlineScriptRan") is None
    assert [e for e in expected if any(v.startswith(e) for v in reported)] == list(expected), reported


def test_a_clinic_shows_its_start_in_the_browsers_time_zone_beside_utc(chromium, live_server):
    clinic = ClinicFactory(title="Writing grant reports")
    context = chromium.new_context(base_url=live_server.url, timezone_id="Africa/Nairobi", locale="en-GB")
    page = context.new_page()

    page.goto(clinic.get_absolute_url())

    when = page.locator(".profile-facts dd").first
    assert when.locator(".when__local").is_visible()
    assert re.search(r"\d{1,2}:\d{2}\D* \(Africa/Nairobi\) · .+ UTC$", when.inner_text())
    context.close()


def test_the_profile_form_suggests_the_browsers_time_zone(chromium, live_server):
    participant = ParticipantFactory(time_zone="")
    context, page = signed_in_context(chromium, live_server, participant.user, timezone_id="America/Lima")

    page.goto(reverse("participants:edit"))

    assert page.input_value("#id_time_zone") == "America/Lima"
    context.close()


def _admin_pages(user):
    """The changelist of every model in the admin, and its add form where anyone may add."""
    request = RequestFactory().get("/")
    request.user = user
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    return pages


def test_every_admin_changelist_and_form_works_under_the_policy(chromium, live_server):
    staff = UserFactory(is_staff=True, is_superuser=True)
    ParticipantFactory(display_name="Neema Mwangi")
    ResourceFactory()
    AnnouncementFactory()
    context, page = signed_in_context(chromium, live_server, staff)

    for address in _admin_pages(staff):
        response = page.goto(address)
        assert response.status == 200, address

    context.close()


def test_the_admins_scripts_run_under_the_policy_on_change_forms_with_inlines(chromium, live_server):
    staff = UserFactory(is_staff=True, is_superuser=True)
    participant = ParticipantFactory(display_name="Neema Mwangi")
    clinic = ClinicFactory(title="Writing grant reports")
    ClinicSharer.objects.create(clinic=clinic, participant=participant)
    context, page = signed_in_context(chromium, live_server, staff)

    page.goto(reverse("admin:participants_participant_change", args=[participant.pk]))
    assert page.locator(".select2-container").count() >= 1  # autocomplete widgets
    first_inline = page.locator(".inline-group").first
    first_inline.locator(".add-row a").click()  # added by inlines.js
    expect(first_inline.locator("tr.form-row:not(.empty-form)")).to_have_count(1)
    page.goto(reverse("admin:clinics_clinic_change", args=[clinic.pk]))
    assert page.locator(".selector").count() == 1  # filter_horizontal: skills
    assert page.locator(".field-liaisons .select2-container").count() == 1  # the liaisons' autocomplete
    page.goto(reverse("admin:clinics_clinic_changelist"))
    page.locator(f"input.action-select[value='{clinic.pk}']").check()
    page.select_option("select[name=action]", "duplicate")
    page.locator("button[name=index]").click()

    expect(page.get_by_role("button", name="Make the copy")).to_be_visible()
    context.close()


def test_an_announcement_preview_works_under_the_policy(chromium, live_server):
    staff = UserFactory(is_staff=True, is_superuser=True)
    ParticipantFactory(display_name="Neema Mwangi", announcements_enabled=True)
    announcement = AnnouncementFactory(status=Announcement.Status.DRAFT)
    context, page = signed_in_context(chromium, live_server, staff)

    page.goto(reverse("admin:outreach_announcement_preview", args=[announcement.pk]))

    assert page.locator("#preview-body").evaluate("(element) => getComputedStyle(element).whiteSpace") == "pre-wrap"
    context.close()
