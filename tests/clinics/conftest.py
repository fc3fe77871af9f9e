"""Fixtures for the clinics tests: a held clinic, its liaison, and the sample reports in `data/`."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from clinics.models import Clinic
from participants.liaisons import LIAISON_GROUP
from tests.factories import ClinicFactory, UserFactory

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def report_bytes():
    def read(name):
        return (DATA / name).read_bytes()

    return read


@pytest.fixture
def liaison():
    user = UserFactory(username="liaison", email="host@letsconnect.example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=LIAISON_GROUP))
    return user


@pytest.fixture
def held_clinic(liaison):
    clinic = ClinicFactory(
        title="Grant writing",
        slug="grant-writing-2026-03-14",
        start=datetime(2026, 3, 14, 15, 0, tzinfo=UTC),
        duration=timedelta(hours=2),
        status=Clinic.Status.HELD,
    )
    clinic.liaisons.add(liaison)
    return clinic
