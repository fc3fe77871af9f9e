"""Clinics in a browser: a liaison schedules one in the admin, participants RSVP in French, the waitlist moves,
and a reminder arrives when the clock moves to a day before."""

import re
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from clinics import reminders
from clinics.models import Clinic, Registration
from tests.browser.conftest import signed_in_context
from tests.factories import ClinicFactory, ParticipantFactory, TopicFactory, UserFactory


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


def test_a_french_participant_gets_the_24_hour_reminder_and_turns_reminders_off_from_its_link(
    chromium, live_server, assert_accessible
):
    clinic = ClinicFactory(
        title="Écrire une demande de subvention",
        start=datetime(2027, 3, 10, 14, 0, tzinfo=UTC),
        meeting_url="https://meet.example.org/subventions",
    )
    amelie = ParticipantFactory(user__email="amelie@example.org", email_language="fr", time_zone="Europe/Paris")

    # She registers in French.
    context, page = signed_in_context(chromium, live_server, amelie.user)
    page.goto(f"/fr/clinics/{clinic.slug}/")
    page.locator(f"form[action$='/clinics/{clinic.slug}/rsvp/'] button").click()
    page.wait_for_url(re.compile(rf"/fr/clinics/{clinic.slug}/$"))
    assert Registration.objects.get(participant=amelie).status == "registered"

    # The clock moves to a day before the clinic: the sweep sends her reminder, in French, at the Paris time.
    reminders.sweep(now=clinic.start - timedelta(hours=24))
    reminder = mail.outbox[-1]
    assert reminder.to == ["amelie@example.org"]
    assert "10 mars 2027, 15:00 (Europe/Paris)" in reminder.body

    # The email's settings link opens her settings, where she turns reminders off.
    settings_url = re.search(r"http://\S+/fr/profile/settings/", reminder.body).group()
    page.goto(settings_url.replace("http://127.0.0.1:8000", ""))
    assert_accessible(page)
    page.uncheck("#id_reminders_enabled")
    page.get_by_role("button", name="Enregistrer les paramètres").click()
    page.wait_for_url(re.compile(r"/fr/profile/settings/$"))
    context.close()

    # An hour before the start, nothing more comes.
    sent = len(mail.outbox)
    reminders.sweep(now=clinic.start - timedelta(minutes=59))
    assert len(mail.outbox) == sent
