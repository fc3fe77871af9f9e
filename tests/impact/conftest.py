"""Fixtures for the impact tests: the figures at a date, computed without the cache, and times at that date."""

from datetime import UTC, date, datetime

import pytest

from impact import queries, report

AS_OF = date(2026, 6, 30)


def at(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def figures():
    """The Report as of `as_of` (from `start`), straight from the database, before complementary suppression
    (tests/impact/test_disclosure.py tests that)."""

    def compute(as_of=AS_OF, start=None, protected=False):
        period = queries.Period(as_of=as_of, start=start)
        return report.build(period=period, rows=queries.read_rows(period=period), protected=protected)

    return compute
