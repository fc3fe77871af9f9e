"""The impact page's reads from its summaries (impact.models): the same rows as the direct reads of queries.py and
activity_queries.py, which stay the reference (tests/impact/test_summaries.py compares them on random data).

Distinct counts become sums: a person (or affiliate, or editor) has one row per day or month they appear, with the
previous one; in a period they are counted once, on the row whose previous day is before the period's start.
"""

from datetime import date, timedelta

from django.db import connections

from .activity_queries import MONTHS_AFTER_FIRST_CLINIC
from .queries import months_before


def _fetch(alias, sql, params):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _days(period, column="day"):
    """A WHERE clause and its parameters: `column` in the period."""
    if period.start:
        return f"{column} BETWEEN %s AND %s", [period.start, period.as_of]
    return f"{column} <= %s", [period.as_of]


def _first_in_period(period, previous):
    """The rows that are a person's first in the period: no previous one, or one before the start."""
    if period.start:
        return f"({previous} IS NULL OR {previous} < %s)", [period.start]
    return f"{previous} IS NULL", []


def _months_and_days(period):
    """A WHERE clause and its parameters: the whole months of the period, and its days outside them."""
    end = period.as_of + timedelta(days=1)
    months_until = end.replace(day=1)  # the as-of day's month is whole when it is its last day
    if period.start is None:
        months_from = None
    elif period.start.day == 1:
        months_from = period.start
    else:
        months_from = (period.start.replace(day=1) + timedelta(days=31)).replace(day=1)
    if months_from is not None and months_from >= months_until:
        return "(NOT whole_month AND day BETWEEN %s AND %s)", [period.start, period.as_of]
    clauses = ["(whole_month AND day < %s" + (" AND day >= %s)" if months_from else ")")]
    params = [months_until, *([months_from] if months_from else [])]
    if months_from and period.start < months_from:
        clauses.append("(NOT whole_month AND day >= %s AND day < %s)")
        params += [period.start, months_from]
    if months_until <= period.as_of:
        clauses.append("(NOT whole_month AND day >= %s AND day <= %s)")
        params += [months_until, period.as_of]
    return "(" + " OR ".join(clauses) + ")", params


def registered(period, alias):
    """(quarter, country, people, of whom Wikipedia editors), as queries._registered."""
    where, params = _months_and_days(period)
    return _fetch(
        alias,
        "SELECT date_trunc('quarter', day)::date, country, SUM(people), SUM(editors) "  # noqa: S608
        f"FROM impact_registrationday WHERE {where} GROUP BY 1, 2",
        params,
    )


def wikipedias(period, alias):
    """(language, editors), as queries._wikipedias."""
    where, params = _months_and_days(period)
    return _fetch(
        alias,
        f"SELECT language, SUM(people) FROM impact_homewikiday WHERE {where} GROUP BY 1",  # noqa: S608
        params,
    )


def affiliates(period, alias):
    """{on_record, engaged, people}, as queries._affiliates."""
    days, day_params = _days(period)
    months_and_days, registration_params = _months_and_days(period)
    first, first_params = _first_in_period(period, "previous_day")
    ((on_record, engaged, people),) = _fetch(
        alias,
        "SELECT (SELECT COUNT(*) FROM participants_affiliate), "  # noqa: S608
        f"(SELECT COALESCE(SUM(affiliates), 0) FROM impact_affiliateday WHERE {days} AND {first}), "
        f"(SELECT COALESCE(SUM(with_affiliates), 0) FROM impact_registrationday WHERE {months_and_days})",
        [*day_params, *first_params, *registration_params],
    )
    return {"on_record": on_record, "engaged": engaged, "people": people}


def unregistered(period, alias):
    """(quarter, country, people), as queries._unregistered."""
    if period.start:
        where = (
            "NOT whole_quarter AND first_day >= %s AND (previous_day IS NULL OR previous_day < %s) "
            "AND counted_from <= %s AND (counted_until IS NULL OR counted_until > %s)"
        )
        params = [period.start, period.start, period.as_of, period.as_of]
    else:
        # Whole quarters before the "as of" day's, then the days of its quarter and the changing countries.
        this_quarter = period.as_of.replace(month=(period.as_of.month - 1) // 3 * 3 + 1, day=1)
        where = (
            "previous_day IS NULL AND ((whole_quarter AND counted_until IS NULL AND counted_from < %s) "
            "OR (NOT whole_quarter AND counted_until IS NULL AND counted_from BETWEEN %s AND %s) "
            "OR (NOT whole_quarter AND counted_until > %s AND counted_from <= %s))"
        )
        params = [this_quarter, this_quarter, period.as_of, period.as_of, period.as_of]
    return _fetch(
        alias,
        f"SELECT quarter, country, SUM(people) FROM impact_unregisteredfirstday WHERE {where} GROUP BY 1, 2",  # noqa: S608
        params,
    )


def shares(period, alias, country_regions):
    """(clinic language, sharer's region, appearances), as queries._shares."""
    where, params = _counted(period)
    rows = _fetch(
        alias,
        f"SELECT language, country, SUM(appearances) FROM impact_shareday WHERE {where} GROUP BY 1, 2",  # noqa: S608
        params,
    )
    return [(language, country_regions.get(country), appearances) for language, country, appearances in rows]


def sharer_genders(period, alias):
    """{gender: people}, as queries._sharer_genders."""
    where, params = _counted(period)
    first, first_params = _first_in_period(period, "previous_day")
    rows = _fetch(
        alias,
        f"SELECT gender, SUM(people) FROM impact_sharerday WHERE {where} AND {first} GROUP BY 1",  # noqa: S608
        [*params, *first_params],
    )
    return dict(rows)


def _counted(period):
    """A WHERE clause and its parameters: the clinics held in the period (see impact.summaries)."""
    if period.start:
        return "counted_from <= %s AND day >= %s", [period.as_of, period.start]
    return "counted_from <= %s", [period.as_of]


def retention(period, alias):
    """{cohort, active}, as queries._retention (the start does not apply)."""
    ((cohort, active),) = _fetch(
        alias,
        "SELECT COALESCE(SUM(cohort), 0), COALESCE(SUM(active), 0) FROM impact_retentionchange WHERE day <= %s",
        [period.as_of],
    )
    return {"cohort": cohort, "active": active}


def activity(period, alias):
    """The rows of activity_queries.read_activity_rows."""
    months, month_params = _days(period, "month")
    first, first_params = _first_in_period(period, "previous_month")
    quarters = _fetch(
        alias,
        "SELECT date_trunc('quarter', month)::date, SUM(edits)::bigint, "  # noqa: S608
        f"SUM(editors) FILTER (WHERE {first}) FROM impact_activitymonth WHERE {months} GROUP BY 1",
        [*first_params, *month_params],
    )
    languages = _fetch(
        alias,
        f"SELECT language, SUM(editors) FROM impact_activitywikipediamonth WHERE {months} AND {first} "  # noqa: S608
        "GROUP BY 1",
        [*month_params, *first_params],
    )
    next_day = date.fromordinal(period.as_of.toordinal() + 1)
    cutoff = months_before(next_day.replace(day=1), MONTHS_AFTER_FIRST_CLINIC)
    cohort = "first_clinic_on < %s AND active_after_first_clinic IS NOT NULL"
    cohort_params = [cutoff]
    if period.start:
        cohort += " AND first_clinic_on >= %s"
        cohort_params.append(period.start)
    ((sharing, in_cohort, active),) = _fetch(
        alias,
        "SELECT COALESCE(SUM(accounts) FILTER (WHERE read), 0), "  # noqa: S608
        f"COALESCE(SUM(accounts) FILTER (WHERE {cohort}), 0), "
        f"COALESCE(SUM(accounts) FILTER (WHERE {cohort} AND active_after_first_clinic), 0) "
        "FROM impact_activityaccounts",
        [*cohort_params, *cohort_params],
    )
    return {
        "sharing": sharing,
        "quarters": [(day.year, (day.month - 1) // 3 + 1, edits, editors) for day, edits, editors in quarters],
        "wikipedias": languages,
        "after_first_clinic": {"cohort": in_cohort, "active": active},
    }
