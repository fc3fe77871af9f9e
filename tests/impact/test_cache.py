"""The figures are cached until the data they are read from changes, however it changes."""

from contextlib import suppress
from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction

from clinics.importers.reports import parse_report, save_report
from clinics.models import Attendance, Clinic
from impact.caching import VERSION_KEY, cached_report
from impact.queries import Period
from participants.services import erase_account
from tests.factories import AffiliateFactory, AttendanceFactory, ClinicFactory, ParticipantFactory

from .conftest import at

pytestmark = pytest.mark.django_db

PERIOD = Period(as_of=date(2026, 6, 30))


def test_a_second_request_reads_the_cache_with_one_query(django_assert_num_queries):
    ParticipantFactory(created_at=at(2026, 1, 1))
    cached_report(period=PERIOD)

    with django_assert_num_queries(1):
        report = cached_report(period=PERIOD)

    assert report.registered.value == 1


def test_a_committed_save_gives_new_figures(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the test's data, committed
        clinic = ClinicFactory(status=Clinic.Status.SCHEDULED, start=at(2026, 6, 30, 15))
    before = cached_report(period=PERIOD)

    with django_capture_on_commit_callbacks(execute=True):
        clinic.status = Clinic.Status.HELD
        clinic.save()

    assert (before.clinics_held.value, cached_report(period=PERIOD).clinics_held.value) == (0, 1)


def test_a_change_not_yet_committed_keeps_the_cached_figures(django_capture_on_commit_callbacks):
    version = cache.get_or_set(VERSION_KEY, "before", timeout=None)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ParticipantFactory()
        ParticipantFactory()

    assert (cache.get(VERSION_KEY), len(callbacks)) == (version, 1)  # one bump for the whole transaction


def test_a_deleted_account_gives_new_figures(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant = ParticipantFactory(created_at=at(2026, 1, 1))
    before = cached_report(period=PERIOD)

    with django_capture_on_commit_callbacks(execute=True):
        erase_account(user=participant.user)

    assert (before.registered.value, cached_report(period=PERIOD).registered.value) == (1, 0)


def test_attendance_written_in_bulk_without_signals_gives_new_figures(held_clinic_with_report):
    clinic, report = held_clinic_with_report
    before = cached_report(period=PERIOD)

    save_report(clinic=clinic, report=report)  # Attendance.objects.bulk_create: no signal

    assert (before.unregistered.value, cached_report(period=PERIOD).unregistered.value) == (0, 2)
    assert Attendance.objects.count() == 2


def test_the_figures_of_another_day_are_cached_apart():
    AttendanceFactory(clinic=ClinicFactory(status=Clinic.Status.HELD, start=at(2026, 6, 30, 10)))

    on_the_day = cached_report(period=PERIOD)
    the_day_before = cached_report(period=Period(as_of=date(2026, 6, 29)))

    assert (on_the_day.clinics_held.value, the_day_before.clinics_held.value) == (1, 0)


@pytest.fixture
def held_clinic_with_report():
    clinic = ClinicFactory(status=Clinic.Status.HELD, start=at(2026, 3, 14, 15))
    csv = (
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        b"Bilal Haddad,bilal@example.net,03/14/2026 03:00:00 PM,03/14/2026 04:30:00 PM,90\n"
        b"Esi Mensah,esi@example.net,03/14/2026 03:05:00 PM,03/14/2026 04:30:00 PM,85\n"
    )
    return clinic, parse_report(data=csv, time_zone="UTC", clinic=clinic)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_rolled_back_transaction_the_next_committed_change_still_gives_new_figures():
    cache.set(VERSION_KEY, "before", timeout=None)

    with suppress(RuntimeError), transaction.atomic():
        ParticipantFactory()
        raise RuntimeError
    after_rollback = cache.get(VERSION_KEY)
    with transaction.atomic():
        ParticipantFactory()

    assert after_rollback == "before"
    assert cache.get(VERSION_KEY) not in (None, "before")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_outside_a_transaction_then_one_inside_both_give_new_figures():
    ParticipantFactory()  # autocommit: the version changes at once
    cache.set(VERSION_KEY, "before", timeout=None)

    with transaction.atomic():
        ParticipantFactory()

    assert cache.get(VERSION_KEY) not in (None, "before")


def test_joining_an_affiliate_gives_new_figures(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant = ParticipantFactory(created_at=at(2026, 1, 1))
        affiliate = AffiliateFactory()
    before = cached_report(period=PERIOD)

    with django_capture_on_commit_callbacks(execute=True):
        participant.affiliates.add(affiliate)

    assert (before.affiliates_engaged.value, cached_report(period=PERIOD).affiliates_engaged.value) == (0, 1)
