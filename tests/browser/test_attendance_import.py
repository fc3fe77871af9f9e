"""A liaison imports a clinic's Zoom report in the admin: upload, read the preview, confirm."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from clinics.models import Attendance, Clinic
from tests.browser.conftest import signed_in_context
from tests.factories import ClinicFactory, ParticipantFactory, UserFactory

REPORT = Path(__file__).resolve().parent.parent / "clinics" / "data" / "zoom_participants.csv"


def test_a_liaison_previews_and_saves_a_zoom_report(chromium, live_server, assert_accessible):
    liaison = UserFactory(is_staff=True, email="host@letsconnect.example.org")
    liaison.groups.add(Group.objects.get(name="Liaison"))
    ParticipantFactory(user__email="amina@example.org", display_name="Amina Njoroge")
    clinic = ClinicFactory(
        title="Grant writing",
        start=datetime(2026, 3, 14, 15, tzinfo=UTC),
        duration=timedelta(hours=2),
        status=Clinic.Status.HELD,
    )
    clinic.liaisons.add(liaison)
    context, page = signed_in_context(chromium, live_server, liaison)

    page.goto(f"/en/admin/clinics/clinic/{clinic.pk}/change/")
    page.get_by_role("link", name="Import attendance").click()
    page.set_input_files("#id_report", str(REPORT))
    page.select_option("#id_time_zone", "UTC")
    page.get_by_role("button", name="Preview").click()

    # expect() waits for the preview: click() returns once the posted form's answer starts loading, not when it is read.
    expect(page.locator("#content-main caption")).to_have_text(
        ["Matched participants: 1", "New attendees without an account: 3", "Ignored: 3"]
    )
    assert page.locator("#content-main table").first.locator("tbody td").first.inner_text() == "Amina Njoroge"
    assert Attendance.objects.count() == 0
    assert_accessible(page)
    page.get_by_role("button", name="Save this attendance").click()

    expect(page.locator(".messagelist")).to_have_text(
        "Attendance recorded. Participants: 1; attendees without an account: 3."
    )
    assert Attendance.objects.filter(clinic=clinic).count() == 4
    context.close()
