"""Building the impact page's summaries (impact.models) from the data, and telling which of them are up to date.

Every transaction that writes to a table they are built from leaves a `SummaryChange` row (a trigger, so no
write is missed: services, imports, bulk updates, raw SQL). `rebuild()` deletes the rows it sees and rebuilds
the summaries that depend on their tables from the same snapshot (REPEATABLE READ), so a change committed
meanwhile stays noted for the next run. It is run by `impact.tasks.rebuild_summaries` after each committed change
and every night; until it has run, the page reads the affected figures directly (`queries.read_rows`).

Dates are UTC days. A clinic counts in a period from the day it started if it was held, from the next day if it
is still "scheduled" (see queries.Period.clinics_held): its `counted_from`.
"""

import itertools
from collections import Counter
from datetime import UTC, timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from clinics.models import Clinic, ClinicSharer

from . import queries
from .models import (
    ActivityAccounts,
    ActivityMonth,
    ActivityWikipediaMonth,
    AffiliateDay,
    HomeWikiDay,
    RegistrationDay,
    RetentionChange,
    ShareDay,
    SharerDay,
    SummaryState,
    UnregisteredFirstDay,
)
from .queries import RETENTION_COHORT_YEARS, RETENTION_WINDOW_MONTHS

# Which summaries each watched table feeds (the triggers are in impact/migrations/0001_summaries.py).
PARTS = {
    "registrations": {"participants_participant", "participants_homewiki", "participants_participant_affiliates"},
    "attendance": {"clinics_attendance", "clinics_clinic"},
    "retention": {"participants_participant", "clinics_attendance", "clinics_clinicsharer", "clinics_clinic"},
    "activity": {"activity_monthlyedits", "activity_wikiaccount"},
    "shares": {"clinics_clinicsharer", "clinics_clinic", "participants_participant", "clinics_attendance"},
}
SUMMARIES = (
    RegistrationDay,
    HomeWikiDay,
    AffiliateDay,
    UnregisteredFirstDay,
    RetentionChange,
    ShareDay,
    SharerDay,
    ActivityMonth,
    ActivityWikipediaMonth,
    ActivityAccounts,
)
LOCK = 0x1A2C7  # the advisory lock that keeps two rebuilds apart
BATCH = 5000

DAY = "(c.start AT TIME ZONE 'UTC')::date"
COUNTED_FROM = f"({DAY} + CASE WHEN c.status = 'scheduled' THEN 1 ELSE 0 END)"
HELD = "c.status IN ('held', 'scheduled')"


def supported():
    return connection.vendor == "postgresql"


# Two values for the reading transaction's first query: whether the summaries were ever built, and the tables
# written since the last rebuild.
FRESHNESS_SQL = (
    'EXISTS (SELECT 1 FROM impact_summarystate), ARRAY(SELECT DISTINCT "table" FROM impact_summarychange)::text[]'
)


def fresh_parts(*, built, changed):
    """The parts whose summaries are up to date, given FRESHNESS_SQL's two values."""
    if not built:
        return set()
    return {part for part, tables in PARTS.items() if not tables & set(changed)}


class Busy(Exception):
    """Another rebuild is running."""


def rebuild():
    """Bring every stale summary up to date. Returns the parts rebuilt; raises Busy while another rebuild runs."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if len(connection.atomic_blocks) == 1:  # this block began the transaction (not a caller's, a test's)
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK])
            if not cursor.fetchone()[0]:
                raise Busy
            cursor.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)")
            cursor.execute('DELETE FROM impact_summarychange RETURNING "table"')
            changed = {row[0] for row in cursor.fetchall()}
        built = SummaryState.objects.exists()
        parts = [part for part, tables in PARTS.items() if not built or tables & changed]
        for part in parts:
            BUILDERS[part]()
        if parts:
            with connection.cursor() as cursor:
                for model in SUMMARIES:
                    cursor.execute(f"ANALYZE {model._meta.db_table}")  # the planner's estimates of the new rows
        if built:
            SummaryState.objects.update(built_at=timezone.now())
        else:
            SummaryState.objects.create(built_at=timezone.now())
        return parts


def _replace(model, sql, params=()):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 -- a model's table name
        if sql:
            cursor.execute(sql.format(table=table), params)


def _add_months(model, keys, counts):
    """The month rows of a table of days: their sums."""
    keys, sums = ", ".join(keys), ", ".join(f"SUM({count})" for count in counts)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} (whole_month, day, {keys}, {', '.join(counts)}) "  # noqa: S608
            f"SELECT true, date_trunc('month', day)::date, {keys}, {sums} FROM {model._meta.db_table} "
            f"WHERE NOT whole_month GROUP BY 2, {keys}"
        )


def build_registrations():
    _replace(
        RegistrationDay,
        """
        INSERT INTO {table} (whole_month, day, country, people, editors, with_affiliates)
        SELECT false, (p.created_at AT TIME ZONE 'UTC')::date, p.country_id, COUNT(*),
            COUNT(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM participants_homewiki h
                WHERE h.participant_id = p.id AND h.project = 'wikipedia' AND h.language <> ''
            )),
            COUNT(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM participants_participant_affiliates a WHERE a.participant_id = p.id
            ))
        FROM participants_participant p GROUP BY 2, 3
        """,
    )
    _replace(
        HomeWikiDay,
        """
        INSERT INTO {table} (whole_month, day, language, people)
        SELECT false, (p.created_at AT TIME ZONE 'UTC')::date, h.language, COUNT(*)
        FROM participants_homewiki h JOIN participants_participant p ON p.id = h.participant_id
        WHERE h.project = 'wikipedia' AND h.language <> '' GROUP BY 2, 3
        """,
    )
    _add_months(RegistrationDay, ["country"], ["people", "editors", "with_affiliates"])
    _add_months(HomeWikiDay, ["language"], ["people"])
    _replace(
        AffiliateDay,
        """
        INSERT INTO {table} (day, previous_day, affiliates)
        SELECT day, previous_day, COUNT(*) FROM (
            SELECT day, LAG(day) OVER (PARTITION BY affiliate_id ORDER BY day) AS previous_day FROM (
                SELECT DISTINCT a.affiliate_id, (p.created_at AT TIME ZONE 'UTC')::date AS day
                FROM participants_participant_affiliates a
                JOIN participants_participant p ON p.id = a.participant_id
            ) days
        ) days GROUP BY 1, 2
        """,
    )


def build_unregistered():
    """For each unregistered attendee and each day they attended, the country counted for them as a function of
    the "as of" day (the last alphabetically they gave from that day on, in the clinics counted by then)."""
    rows = Counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT COALESCE(a.person_key, a.id::text), {DAY}, {COUNTED_FROM}, a.country_id
            FROM clinics_attendance a JOIN clinics_clinic c ON c.id = a.clinic_id
            WHERE a.participant_id IS NULL AND NOT a.anonymous AND {HELD}
            ORDER BY 1
            """  # noqa: S608 -- constant SQL
        )
        for _person, attended in itertools.groupby(cursor.fetchall(), key=lambda row: row[0]):
            _person_rows([row[1:] for row in attended], rows)
    # The figures from the beginning read the people first counted before the "as of" day's quarter, whose
    # country never changed, by quarter.
    quarters = Counter()
    for (first_day, previous_day, counted_from, counted_until, country), people in rows.items():
        if previous_day is None and counted_until is None:
            quarters[(quarter_of(counted_from), quarter_of(first_day), country)] += people
    UnregisteredFirstDay.objects.all().delete()
    UnregisteredFirstDay.objects.bulk_create(
        itertools.chain(
            (
                UnregisteredFirstDay(
                    whole_quarter=False,
                    first_day=first_day,
                    quarter=quarter_of(first_day),
                    previous_day=previous_day,
                    counted_from=counted_from,
                    counted_until=counted_until,
                    country=country,
                    people=people,
                )
                for (first_day, previous_day, counted_from, counted_until, country), people in rows.items()
            ),
            (
                UnregisteredFirstDay(
                    whole_quarter=True,
                    first_day=counted_from,
                    quarter=quarter,
                    counted_from=counted_from,
                    country=country,
                    people=people,
                )
                for (counted_from, quarter, country), people in quarters.items()
            ),
        ),
        batch_size=BATCH,
    )


def quarter_of(day):
    """The first day of the day's quarter."""
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _person_rows(attended, rows):
    """Add one person's rows: `attended` is their (day, counted_from, country) of every attendance."""
    days = sorted({day for day, _counted_from, _country in attended})
    for index, first_day in enumerate(days):
        previous_day = days[index - 1] if index else None
        # Every attendance from first_day on counts from a day no earlier than first_day's own first one.
        later = sorted(
            ((counted_from, country) for day, counted_from, country in attended if day >= first_day),
            key=lambda row: row[0],
        )
        points, country = [], None
        for counted_from, group in itertools.groupby(later, key=lambda row: row[0]):
            for _counted_from, given in group:
                if given is not None and (country is None or given > country):
                    country = given
            if not points or points[-1][1] != country:
                points.append((counted_from, country))
        for (counted_from, country), following in itertools.zip_longest(points, points[1:]):
            counted_until = following[0] if following else None
            rows[(first_day, previous_day, counted_from, counted_until, country)] += 1


def _after(day, months):
    """SQL: the first "as of" day whose same date `months` earlier is after `day` (a SQL date; NULL stays NULL)."""
    following = f"(({day}) + 1)"
    later = f"(({following} + interval '{months} months')::date)"
    return f"(CASE WHEN ({later} - interval '{months} months')::date < {following} THEN {later} + 1 ELSE {later} END)"


def build_retention():
    """Each participant joins the cohort on the first day they were registered for more than 2 years; each day
    they attended or shared counts them active from the later of that, the day the clinic counted, and 3 months
    after the day before (earlier days count then), until 3 months after it."""
    cohort_months = 12 * RETENTION_COHORT_YEARS
    window = RETENTION_WINDOW_MONTHS
    created = "(p.created_at AT TIME ZONE 'UTC')::date"
    _replace(
        RetentionChange,
        f"""
        INSERT INTO {{table}} (day, cohort, active)
        WITH days AS (
            SELECT participant_id, day, MIN(counted_from) AS counted_from,
                LAG(day) OVER (PARTITION BY participant_id ORDER BY day) AS previous_day
            FROM (
                SELECT a.participant_id, {DAY} AS day, {COUNTED_FROM} AS counted_from
                FROM clinics_attendance a JOIN clinics_clinic c ON c.id = a.clinic_id
                WHERE a.participant_id IS NOT NULL AND {HELD}
                UNION ALL
                SELECT s.participant_id, {DAY}, {COUNTED_FROM}
                FROM clinics_clinicsharer s JOIN clinics_clinic c ON c.id = s.clinic_id
                WHERE s.participant_id IS NOT NULL AND {HELD}
            ) attended
            GROUP BY participant_id, day
        ), spans AS (
            SELECT GREATEST(d.counted_from, {_after("d.previous_day", window)}, {_after(created, cohort_months)})
                    AS active_from,
                {_after("d.day", window)} AS active_until
            FROM days d JOIN participants_participant p ON p.id = d.participant_id
        ), changes AS (
            SELECT {_after(created, cohort_months)} AS day, 1 AS cohort, 0 AS active FROM participants_participant p
            UNION ALL SELECT active_from, 0, 1 FROM spans WHERE active_from < active_until
            UNION ALL SELECT active_until, 0, -1 FROM spans WHERE active_from < active_until
        )
        SELECT day, SUM(cohort), SUM(active) FROM changes GROUP BY day
        """,  # noqa: S608 -- constant SQL
    )


def build_activity():
    _replace(
        ActivityMonth,
        """
        INSERT INTO {table} (month, previous_month, editors, edits)
        SELECT month, previous_month, COUNT(*), SUM(edits) FROM (
            SELECT month, SUM(edits) AS edits,
                LAG(month) OVER (PARTITION BY participant_id, date_trunc('quarter', month) ORDER BY month)
                    AS previous_month
            FROM activity_monthlyedits GROUP BY participant_id, month
        ) months GROUP BY 1, 2
        """,
    )
    _replace(
        ActivityWikipediaMonth,
        """
        INSERT INTO {table} (language, month, previous_month, editors)
        SELECT language, month, previous_month, COUNT(*) FROM (
            SELECT language, month,
                LAG(month) OVER (PARTITION BY participant_id, language ORDER BY month) AS previous_month
            FROM activity_monthlyedits WHERE project = 'wikipedia' AND language <> ''
        ) months GROUP BY 1, 2, 3
        """,
    )
    _replace(
        ActivityAccounts,
        """
        INSERT INTO {table} (read, first_clinic_on, active_after_first_clinic, accounts)
        SELECT state = 'read', first_clinic_on, active_after_first_clinic, COUNT(*)
        FROM activity_wikiaccount GROUP BY 1, 2, 3
        """,
    )


def build_shares():
    rows = (
        ClinicSharer.objects.filter(clinic__status__in=[Clinic.Status.HELD, Clinic.Status.SCHEDULED])
        .annotate(country=queries.sharer_country())
        .order_by()
        .values_list(TruncDate("clinic__start", tzinfo=UTC), "clinic__status", "clinic__language", "country")
        .annotate(appearances=Count("pk"))
    )
    ShareDay.objects.all().delete()
    ShareDay.objects.bulk_create(
        (
            ShareDay(
                day=day,
                counted_from=day + timedelta(days=1) if status == Clinic.Status.SCHEDULED else day,
                language=language,
                country=country,
                appearances=appearances,
            )
            for day, status, language, country, appearances in rows
        ),
        batch_size=BATCH,
    )
    _replace(
        SharerDay,
        f"""
        INSERT INTO {{table}} (day, counted_from, previous_day, gender, people)
        SELECT d.day, d.counted_from, d.previous_day, p.gender, COUNT(*) FROM (
            SELECT participant_id, day, MIN(counted_from) AS counted_from,
                LAG(day) OVER (PARTITION BY participant_id ORDER BY day) AS previous_day
            FROM (
                SELECT s.participant_id, {DAY} AS day, {COUNTED_FROM} AS counted_from
                FROM clinics_clinicsharer s JOIN clinics_clinic c ON c.id = s.clinic_id
                WHERE s.participant_id IS NOT NULL AND {HELD}
            ) shared
            GROUP BY participant_id, day
        ) d JOIN participants_participant p ON p.id = d.participant_id
        GROUP BY 1, 2, 3, 4
        """,  # noqa: S608 -- constant SQL
    )


BUILDERS = {
    "registrations": build_registrations,
    "attendance": build_unregistered,
    "retention": build_retention,
    "activity": build_activity,
    "shares": build_shares,
}


QUEUED_KEY = "impact:summaries:queued"
QUEUED_SECONDS = 15 * 60


def request_rebuild():
    """Have a worker rebuild the stale summaries once the current transaction commits; one run queued at a time
    (the run clears the mark when it starts, so a change made during a run queues the next one)."""
    from .tasks import rebuild_summaries

    def enqueue():
        if cache.add(QUEUED_KEY, 1, timeout=QUEUED_SECONDS):
            rebuild_summaries.delay()

    transaction.on_commit(enqueue)
