"""`manage.py seed_demo` builds a believable program, and running it twice adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from clinics.models import Attendance, Clinic
from participants.models import Participant
from resources.models import Resource, ResourceLanguage

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_living_program_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    counts = (Participant.objects.count(), Clinic.objects.count(), Attendance.objects.count(), Resource.objects.count())

    call_command("seed_demo", stdout=StringIO())

    assert (
        Participant.objects.count(),
        Clinic.objects.count(),
        Attendance.objects.count(),
        Resource.objects.count(),
    ) == counts
    assert counts[0] == 300
    assert Participant.objects.values("country").distinct().count() >= 30
    assert Participant.objects.values("country__region").distinct().count() == 8
    assert Clinic.objects.upcoming().count() >= 4
    assert Attendance.objects.filter(participant=None).exists()
    assert Attendance.objects.filter(participant__isnull=False).exists()
    assert Resource.objects.filter(source_key="").count() == 12
    assert ResourceLanguage.objects.filter(resource__source_key="").values("language").distinct().count() >= 6
    assert Resource.objects.filter(clinic__status=Clinic.Status.HELD, kind="recording").exists()
