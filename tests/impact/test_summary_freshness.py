"""Writes reach the impact figures: the summaries they make stale are read around (directly) until the rebuild
queued after the commit has run, and the page costs the same fixed number of queries from the summaries."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from activity import services as activity_services
from activity.models import MonthlyEdits, WikiAccount
from clinics import services as clinic_services
from clinics.models import Clinic
from impact import caching, queries, summaries
from impact.report import Figure
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory

from .conftest import AS_OF, at
from .test_imports import ATTENDANCE, CLINICS, PARTICIPANTS
from .test_page import UNCACHED_QUERIES, figure_text, program
from .test_summaries import fresh_parts

pytestmark = pytest.mark.django_db
EVERY_PART = set(summaries.PARTS)


def report():
    return caching.cached_report(period=queries.Period(as_of=AS_OF))


@pytest.fixture
def built(django_capture_on_commit_callbacks):
    """Five participants, and summaries up to date (rebuilt by the task queued after the commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        ParticipantFactory.create_batch(5, created_at=at(2025, 1, 1))
    assert fresh_parts() == EVERY_PART


def test_imports_are_counted_from_the_summaries_rebuilt_after_their_commit(
    built, tmp_path, django_capture_on_commit_callbacks
):
    for name, text in (("participants", PARTICIPANTS), ("clinics", CLINICS), ("attendance", ATTENDANCE)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        for name in ("participants", "clinics", "attendance"):
            call_command(f"import_{name}", str(tmp_path / f"{name}.csv"), stdout=io.StringIO())

    assert fresh_parts() == EVERY_PART
    figures = report()
    assert (figures.registered.value, figures.unregistered.value) == (10, 4)


def test_attendance_recorded_is_counted_after_the_commit(built, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        clinic = ClinicFactory(status=Clinic.Status.HELD, start=at(2026, 3, 3))
    before = report().unregistered

    with django_capture_on_commit_callbacks(execute=True):
        AttendanceFactory(clinic=clinic, participant=None, name="Kofi", country_id="GH")

    assert fresh_parts() == EVERY_PART
    assert (before, report().unregistered) == (Figure(0, 0), Figure(1, 1))


def test_withdrawn_activity_leaves_the_figures_after_the_commit(built, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant = ParticipantFactory(created_at=at(2025, 1, 1))
        WikiAccount.objects.create(participant=participant, consented_at=at(2025, 1, 2), state=WikiAccount.State.READ)
        MonthlyEdits.objects.create(participant=participant, project="wikidata", month=date(2025, 3, 1), edits=7)
    before = report()

    with django_capture_on_commit_callbacks(execute=True):
        activity_services.withdraw(participant=participant)

    after = report()
    assert fresh_parts() == EVERY_PART
    assert (before.sharing_activity, after.sharing_activity) == (Figure(1, 1), Figure(0, 0))
    assert [row.edits.value for row in before.quarters if row.edits.value] == [7]
    assert [row.edits.value for row in after.quarters if row.edits.value] == []


def test_a_write_that_bypasses_every_signal_is_counted_at_once_and_queues_the_rebuild(
    built, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        clinic = ClinicFactory(status=Clinic.Status.HELD, start=at(2026, 3, 3))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clinics_attendance (clinic_id, name, email, wikimedia_username, anonymous, role) "
            "VALUES (%s, 'Kofi', '', '', false, 'learner')",
            [clinic.pk],
        )
    stale = EVERY_PART - fresh_parts()

    with django_capture_on_commit_callbacks(execute=True):
        counted = report().unregistered  # read directly, and a rebuild queued

    assert stale == {"attendance", "retention", "shares"}
    assert counted == Figure(1, 1)
    assert fresh_parts() == EVERY_PART


def test_an_rsvp_leaves_the_summaries_up_to_date(built):
    clinic = ClinicFactory(status=Clinic.Status.SCHEDULED)
    participant = ParticipantFactory()
    summaries.rebuild()

    clinic_services.register(participant=participant, clinic=clinic)

    assert fresh_parts() == EVERY_PART  # no figure reads RSVPs


@pytest.mark.parametrize("size", [1, 3])
def test_the_page_from_the_summaries_costs_the_same_fixed_number_of_queries(client, django_assert_num_queries, size):
    program(size)
    summaries.rebuild()

    with django_assert_num_queries(UNCACHED_QUERIES):
        page = client.get("/en/impact/?as_of=2025-06-30").content.decode()

    assert (figure_text(page, "Participants"), figure_text(page, "Clinics held")) == (
        {1: "not shown", 3: "24"}[size],
        {1: "1", 3: "3"}[size],
    )
