"""Someone who attended without an account and later registers with the same email is counted once: their earlier
attendance becomes theirs when they confirm the address (or when staff import them with it)."""

from datetime import date

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.urls import reverse

from clinics.models import Attendance, Clinic
from participants import importers
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, UserFactory

from .conftest import at

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 30)


@pytest.fixture
def attended_without_an_account():
    """Ana attended two clinics without an account, as ana@example.org; five others registered before."""
    ParticipantFactory.create_batch(5, created_at=at(2026, 1, 2))
    first = ClinicFactory(status=Clinic.Status.HELD, start=at(2026, 2, 1))
    second = ClinicFactory(status=Clinic.Status.HELD, start=at(2026, 3, 1))
    AttendanceFactory(clinic=first, participant=None, name="Ana", email="ana@example.org")
    AttendanceFactory(clinic=second, participant=None, name="Ana M.", email="ANA@example.org")
    return first, second


def counted(figures):
    report = figures(as_of=AS_OF)
    return report.participants.value, report.registered.value, report.unregistered.value


def registered_ana():
    user = UserFactory(username="ana", email="ana@example.org")
    address = EmailAddress.objects.create(user=user, email="ana@example.org", primary=True, verified=False)
    participant = ParticipantFactory(user=user, created_at=at(2026, 4, 1))
    return participant, address


def confirm(client, address):
    """Ana follows the link of the confirmation email."""
    key = EmailConfirmationHMAC(address).key
    response = client.post(reverse("account_confirm_email", args=[key]))
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.verified is True


def test_confirming_the_email_links_the_earlier_attendance_so_she_counts_once(
    attended_without_an_account, figures, client
):
    participant, address = registered_ana()
    before = counted(figures)

    confirm(client, address)

    assert before == (7, 6, 1)  # Ana twice: registered, and unregistered
    assert counted(figures) == (6, 6, 0)
    assert Attendance.objects.filter(participant=participant).count() == 2


def test_an_unconfirmed_email_links_nothing(attended_without_an_account, figures):
    registered_ana()

    assert counted(figures) == (7, 6, 1)
    assert Attendance.objects.filter(participant__isnull=True).count() == 2


def test_a_clinic_she_is_already_recorded_at_keeps_one_attendance(attended_without_an_account, figures, client):
    first, _second = attended_without_an_account
    participant, address = registered_ana()
    AttendanceFactory(clinic=first, participant=participant)

    confirm(client, address)

    assert sorted(Attendance.objects.filter(clinic=first).values_list("participant_id", flat=True)) == [participant.pk]
    assert counted(figures) == (6, 6, 0)


def test_the_import_of_registrations_links_the_attendance_under_the_imported_email(
    attended_without_an_account, figures
):
    row = importers.ParticipantRow(
        line=2,
        email="ana@example.org",
        display_name="Ana Mendes",
        wikimedia_username="",
        country_code="BR",
        languages=(),
        home_wikis=(),
        affiliate=None,
        role="",
        affiliation="",
        gender="",
        listed=False,
        registered_at=at(2026, 4, 1),
    )
    before = counted(figures)

    importers.import_participants(rows=[row])

    assert before == (6, 5, 1)
    assert counted(figures) == (6, 6, 0)
