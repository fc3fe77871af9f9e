"""The clinics a participant attended appear on their public profile, once they chose to show them."""

import pytest

from clinics.models import Clinic
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_held_clinics_attended_appear_on_the_profile_and_upcoming_ones_do_not(client):
    participant = ParticipantFactory(user__username="neema", show_attendance=True)
    AttendanceFactory(participant=participant, clinic=ClinicFactory(title="Grant writing", status=Clinic.Status.HELD))
    AttendanceFactory(participant=participant, clinic=ClinicFactory(title="Future clinic"))

    page = client.get("/en/people/neema/").content.decode()

    assert "Grant writing" in page
    assert "Future clinic" not in page
