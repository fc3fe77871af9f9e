"""Clinics in a browser: a liaison schedules one in the admin, participants RSVP in French, the waitlist moves."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from clinics.models import Clinic, Registration
from tests.browser.conftest import signed_in_context
from tests.factories import ParticipantFactory, TopicFactory, UserFactory


def test_a_liaison_schedules_a_clinic_and_participants_rsvp_in_french(chromium, live_server, assert_accessible):
    TopicFactory(name="Grants", slug="grants")
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0, second=0)

    # The liaison schedules a clinic with one place.
    context, page = signed_in_context(chromium, live_server, liaison, accept_downloads=True)
    page.goto("/en/admin/clinics/clinic/add/")
    page.fill("#id_title_en", "Writing a grant proposal")
    page.press("#id_title_en", "Tab")
    assert page.input_value("#id_slug") == "writing-a-grant-proposal"  # filled in from the title
    page.select_option("#id_topic", label="Grants")
    page.fill("#id_start_0", start.strftime("%Y-%m-%d"))
    page.fill("#id_start_1", start.strftime("%H:%M:%S"))
    page.fill("#id_capacity", "1")
    page.select_option("#id_status", "scheduled")
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/admin/clinics/clinic/$"))
    context.close()
    clinic = Clinic.objects.get(slug="writing-a-grant-proposal")

    # A first participant registers in French and downloads the calendar file.
    first = ParticipantFactory(user__email="amelie@example.org", email_language="fr", time_zone="Africa/Abidjan")
    context, page = signed_in_context(chromium, live_server, first.user, accept_downloads=True)
    page.goto(f"/fr/clinics/{clinic.slug}/")
    assert_accessible(page)
    page.locator(f"form[action$='/clinics/{clinic.slug}/rsvp/'] button").click()
    page.wait_for_url(re.compile(rf"/fr/clinics/{clinic.slug}/$"))
    with page.expect_download() as download:
        page.locator(f"a[href$='/clinics/{clinic.slug}/calendar.ics']").click()
    event = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == start
    context.close()

    # A second one lands on the waitlist, and gets the place when the first cancels.
    second = ParticipantFactory(user__email="bintou@example.org", email_language="fr")
    context, page = signed_in_context(chromium, live_server, second.user)
    page.goto(f"/fr/clinics/{clinic.slug}/")
    page.locator(f"form[action$='/clinics/{clinic.slug}/rsvp/'] button").click()
    page.wait_for_url(re.compile(rf"/fr/clinics/{clinic.slug}/$"))
    assert Registration.objects.get(participant=second).status == "waitlisted"
    context.close()

    context, page = signed_in_context(chromium, live_server, first.user)
    page.goto(f"/fr/clinics/{clinic.slug}/")
    page.locator(f"form[action$='/clinics/{clinic.slug}/cancel/'] button").click()
    page.wait_for_url(re.compile(rf"/fr/clinics/{clinic.slug}/$"))
    context.close()

    assert Registration.objects.get(participant=second).status == "registered"
    assert [email.to for email in mail.outbox] == [
        ["amelie@example.org"],
        ["bintou@example.org"],
        ["bintou@example.org"],
    ]
    assert "Writing a grant proposal" in mail.outbox[2].subject
