"""`manage.py seed_demo` builds a believable program, and running it twice adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from clinics.models import Attendance, Clinic
from participants.models import Participant

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_living_program_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    counts = (Participant.objects.count(), Clinic.objects.count(), Attendance.objects.count())

    call_command("seed_demo", stdout=StringIO())

    assert (Participant.objects.count(), Clinic.objects.count(), Attendance.objects.count()) == counts
    assert counts[0] == 300
    assert Participant.objects.values("country").distinct().count() >= 30
    assert Participant.objects.values("country__region").distinct().count() == 8
    assert Clinic.objects.upcoming().count() >= 4
    assert Attendance.objects.filter(participant=None).exists()
    assert Attendance.objects.filter(participant__isnull=False).exists()
