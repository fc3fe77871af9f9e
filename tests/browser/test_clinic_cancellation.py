"""A liaison cancels a clinic in the admin: chooses the action, reads how many people will be told, confirms."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from clinics.models import Clinic
from tests.browser.conftest import signed_in_context
from tests.factories import ClinicFactory, ClinicSharerFactory, RegistrationFactory, UserFactory


def test_a_liaison_cancels_a_clinic_after_confirming_how_many_people_will_be_told(
    chromium, live_server, assert_accessible
):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    clinic = ClinicFactory(title="Grant writing")
    RegistrationFactory(clinic=clinic)
    RegistrationFactory(clinic=clinic, status="waitlisted")
    ClinicSharerFactory(clinic=clinic)
    context, page = signed_in_context(chromium, live_server, liaison)
    page.set_default_timeout(60_000)  # the admin's first pages on a busy machine; nothing here measures speed

    page.goto("/en/admin/clinics/clinic/")
    page.locator(f'input[name="_selected_action"][value="{clinic.pk}"]').check()
    page.select_option('select[name="action"]', "cancel")
    page.get_by_role("button", name="Go").click()

    expect(page.get_by_role("button", name="Yes, cancel 1 clinic")).to_be_visible()  # the confirmation page
    assert "Cancelling tells 3 people by email" in page.locator("#content").inner_text()
    assert_accessible(page)
    clinic.refresh_from_db()
    assert clinic.status == Clinic.Status.SCHEDULED
    page.get_by_role("button", name="Yes, cancel 1 clinic").click()

    expect(page.locator(".messagelist")).to_have_text("1 clinic cancelled; its registrants are being told.")
    clinic.refresh_from_db()
    assert clinic.status == Clinic.Status.CANCELLED
    page.goto(clinic.get_absolute_url())
    assert page.locator(".cdx-message--warning").inner_text().startswith("This clinic has been cancelled.")
    assert page.get_by_text("Add to my calendar (.ics)").count() == 0
    context.close()
