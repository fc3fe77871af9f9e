"""The impact page's on-wiki activity: participants active after their first clinic, edits per quarter, and
participants active on each language Wikipedia; only of those who share their activity."""

from datetime import date

import pytest
from django.utils import timezone

from activity import summary
from activity.models import MonthlyEdits, WikiAccount
from clinics.models import Clinic
from impact.report import Figure, Percentage
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def sharing(*, edits=(), first_clinic=None, read_until=date(2026, 7, 1)):
    """A participant who shares their activity; `edits`: (month, wiki code, count)."""
    participant = ParticipantFactory(created_at=at(2024, 1, 1))
    WikiAccount.objects.create(
        participant=participant,
        consented_at=timezone.now(),
        state=WikiAccount.State.READ,
        read_at=timezone.now(),
        complete_until={"sw.wikipedia": read_until.isoformat(), "wikidata": read_until.isoformat()},
    )
    for month, code, count in edits:
        language, _dot, project = code.rpartition(".")
        MonthlyEdits.objects.create(
            participant=participant, project=project, language=language, month=month, edits=count
        )
    if first_clinic:
        AttendanceFactory(participant=participant, clinic=ClinicFactory(status=Clinic.Status.HELD, start=first_clinic))
    return participant


def test_active_after_the_first_clinic_counts_edits_in_the_3_calendar_months_after_its_month(figures):
    # First clinic in January 2026: February to April count.
    for _index in range(3):
        sharing(first_clinic=at(2026, 1, 20), edits=[(date(2026, 4, 1), "sw.wikipedia", 2)])
    sharing(first_clinic=at(2026, 1, 20), edits=[(date(2026, 1, 1), "sw.wikipedia", 9)])  # the clinic's month
    sharing(first_clinic=at(2026, 1, 20), edits=[(date(2026, 5, 1), "wikidata", 1)])  # too late
    sharing(first_clinic=at(2026, 1, 20))  # no edits at all
    sharing(first_clinic=at(2026, 4, 2), edits=[(date(2026, 5, 1), "sw.wikipedia", 4)])  # its months not over
    sharing(edits=[(date(2026, 5, 1), "sw.wikipedia", 4)])  # never came to a clinic
    ParticipantFactory()  # does not share: not counted anywhere
    summary.refresh()

    report = figures(as_of=date(2026, 6, 30))

    assert report.active_after_first_clinic == Percentage(part=3, whole=6)
    assert report.activity_cohort == Figure(value=6, people=6)
    assert report.sharing_activity == Figure(value=8, people=8)


def test_the_months_after_the_first_clinic_must_be_read_before_they_count(figures):
    sharing(first_clinic=at(2026, 1, 20), read_until=date(2026, 3, 1))  # April not read yet
    summary.refresh()

    assert figures(as_of=date(2026, 6, 30)).activity_cohort.value == 0


def test_edits_per_quarter_and_by_language_wikipedia_count_whole_months_in_the_period(figures):
    for _index in range(5):
        sharing(edits=[(date(2026, 1, 1), "sw.wikipedia", 10), (date(2026, 3, 1), "wikidata", 1)])
    sharing(edits=[(date(2026, 4, 1), "en.wikipedia", 7), (date(2026, 7, 1), "en.wikipedia", 99)])  # July: after

    report = figures(as_of=date(2026, 6, 30), start=date(2026, 1, 1))

    assert [(row.year, row.quarter, row.edits) for row in report.quarters] == [
        (2026, 1, Figure(value=55, people=5)),
        (2026, 2, Figure(value=7, people=1)),  # one person: "fewer than 5"
    ]
    assert report.quarters[1].edits.suppressed is True
    assert {row.code: row.active_editors for row in report.languages} == {
        "sw": Figure(value=5, people=5),
        "en": Figure(value=1, people=1),
    }
