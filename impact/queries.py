"""Every read behind the impact page: the program's figures at a date, in a fixed number of queries.

`read_rows(period=...)` asks the database for small grouped rows (by quarter, country, language); `report.py`
turns them into the figures. Each query's cost grows with the data, never its number: see
tests/impact/test_page.py.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Case, CharField, Count, F, Max, Min, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractQuarter, ExtractYear, TruncQuarter
from django.utils import translation

from clinics.models import Attendance, Clinic, ClinicSharer
from letsconnect.replica import reading_alias, replica_reads
from participants.models import Affiliate, Country, HomeWiki, Participant, Region

RETENTION_COHORT_YEARS = 2
RETENTION_WINDOW_MONTHS = 3
WORK_MEM = "64MB"


def _midnight(day):
    return datetime.combine(day, time.min, tzinfo=UTC)


def months_before(day, months):
    """The same day of the month `months` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    next_month = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return date(year, month + 1, min(day.day, (next_month - timedelta(days=1)).day))


@dataclass(frozen=True)
class Period:
    """What the figures count: everything that existed or happened on or before `as_of` (a UTC date, whole
    day included), and from `start` on when one is given."""

    as_of: date
    start: date | None = None

    @property
    def end(self):
        """The first instant after the "as of" day."""
        return _midnight(self.as_of + timedelta(days=1))

    @property
    def begin(self):
        return _midnight(self.start) if self.start else None

    @property
    def cohort_registered_before(self):
        """Registered more than 2 years before the date: on a day before the same date 2 years earlier."""
        return _midnight(months_before(self.as_of, 12 * RETENTION_COHORT_YEARS))

    @property
    def active_since(self):
        """The 3 months before the date: clinics that started on or after the same date 3 months earlier."""
        return _midnight(months_before(self.as_of, RETENTION_WINDOW_MONTHS))

    def registered(self, prefix=""):
        """Participants registered in the period."""
        condition = Q(**{f"{prefix}created_at__lt": self.end})
        if self.begin:
            condition &= Q(**{f"{prefix}created_at__gte": self.begin})
        return condition

    def clinics_held(self, prefix="", *, since=None):
        """Clinics that count as held: status held and started by the end of the day, or still "scheduled"
        with a start before the day (nobody marked them held yet). Drafts and cancelled clinics never count."""
        condition = Q(**{f"{prefix}status": Clinic.Status.HELD, f"{prefix}start__lt": self.end}) | Q(
            **{f"{prefix}status": Clinic.Status.SCHEDULED, f"{prefix}start__lt": _midnight(self.as_of)}
        )
        since = since or self.begin
        if since:
            condition &= Q(**{f"{prefix}start__gte": since})
        return condition


# One unregistered person: their email, else their Wikimedia username, else their name (trimmed, lower-cased);
# a row whose name is blank too is someone of its own.
UNREGISTERED_PERSON = Coalesce("person_key", Cast("pk", TextField()), output_field=TextField())


def read_rows(*, period, summaries=True):
    """The grouped rows every figure is computed from; language-independent, so they can be cached.

    On PostgreSQL the figures whose summaries (impact.summaries) are up to date are read from them, the others
    directly; `summaries=False` reads everything directly (the reference the tests compare the summaries with).
    """
    from . import summary_queries as summary

    with replica_reads() as alias, transaction.atomic(using=alias):
        fresh = _tune_for_reporting(alias) if connection.vendor == "postgresql" else set()
        if not summaries:
            fresh = set()
        regions = _regions()
        country_regions = dict(Country.objects.values_list("code", "region_id"))
        registrations, shares = "registrations" in fresh, "shares" in fresh
        registered = summary.registered(period, alias) if registrations else _registered(period)
        unregistered = summary.unregistered(period, alias) if "attendance" in fresh else _unregistered(period)
        return {
            "regions": regions,
            "registered": _with_regions([row[:3] for row in registered], country_regions),
            "unregistered": _with_regions(unregistered, country_regions),
            "wikipedias": summary.wikipedias(period, alias) if registrations else _wikipedias(period),
            "wikipedia_editors": sum(row[3] for row in registered),
            "affiliates": summary.affiliates(period, alias) if registrations else _affiliates(period),
            "clinics": _clinics(period),
            "shares": summary.shares(period, alias, country_regions) if shares else _shares(period, country_regions),
            "sharer_genders": summary.sharer_genders(period, alias) if shares else _sharer_genders(period),
            "retention": summary.retention(period, alias) if "retention" in fresh else _retention(period),
            "activity": summary.activity(period, alias) if "activity" in fresh else read_activity_rows(period=period),
        }


def read_activity_rows(*, period):
    from .activity_queries import read_activity_rows as read  # it reads this module's dates

    return read(period=period)


def _tune_for_reporting(alias):
    """For these queries only (SET LOCAL): no JIT compilation, which costs more than it saves on queries of a
    few hundred milliseconds, and memory enough to group 100,000 rows in a hash rather than a sort on disk.
    In the same query: which summaries are up to date (returned)."""
    from . import summaries

    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true), {summaries.FRESHNESS_SQL}",
            [WORK_MEM],
        )
        _jit, _work_mem, built, changed = cursor.fetchone()
    fresh = summaries.fresh_parts(built=built, changed=changed)
    if fresh != set(summaries.PARTS):
        summaries.request_rebuild()
    return fresh


def _quarter(value):
    """(year, quarter) of the first day of a quarter, as the database returns it (SQLite: as text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.year, (value.month - 1) // 3 + 1


def _with_regions(rows, country_regions):
    """(year, quarter, country, region, people) from (quarter's first day, country, people)."""
    return [(*_quarter(quarter), country, country_regions.get(country), people) for quarter, country, people in rows]


def _regions():
    """(code, underrepresented, {language: name}) of every region."""
    rows = []
    for region in Region.objects.all():
        names = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names[code] = str(region.name)
        rows.append((region.code, region.underrepresented, names))
    return rows


def _registered(period):
    """(quarter, country, people, of whom Wikipedia editors) of the participants registered in the period."""
    editors = HomeWiki.objects.filter(project="wikipedia").exclude(language="").values("participant_id")
    return list(
        Participant.objects.filter(period.registered())
        .order_by()
        .values_list(TruncQuarter("created_at"), "country_id")
        .annotate(people=Count("pk"), editors=Count("pk", filter=Q(pk__in=editors)))
    )


def _unregistered(period):
    """(quarter, country, people) of the distinct unregistered attendees of the clinics held in the period, by
    the quarter they first attended in and the country they gave (when several, the last alphabetically)."""
    people = (
        Attendance.objects.filter(period.clinics_held("clinic__"), participant__isnull=True, anonymous=False)
        .annotate(person=UNREGISTERED_PERSON)
        .order_by()
        .values("person")
        .annotate(first=TruncQuarter(Min("clinic__start")), country=Max("country_id"))
    )
    sql, params = people.query.sql_with_params()
    # Django's own SQL, its values still parameters, grouped once more.
    outer = f'SELECT people."first", people."country", COUNT(*) FROM ({sql}) people GROUP BY 1, 2'  # noqa: S608
    with connections[reading_alias()].cursor() as cursor:
        cursor.execute(outer, params)
        return cursor.fetchall()


def _wikipedias(period):
    """(language, editors) of the Wikipedia editions that participants registered in the period edit."""
    rows = (
        HomeWiki.objects.filter(period.registered("participant__"), project="wikipedia")
        .exclude(language="")
        .order_by()
        .values_list("language")
        .annotate(people=Count("pk"))  # one home wiki per participant and edition (a unique constraint)
    )
    return [tuple(row) for row in rows]


def _affiliates(period):
    """Affiliates on record, those with a participant registered in the period, and how many participants
    that is."""
    engaged = period.registered("participants__")
    return Affiliate.objects.aggregate(
        on_record=Count("pk", distinct=True),
        engaged=Count("pk", distinct=True, filter=engaged),
        people=Count("participants", distinct=True, filter=engaged),
    )


def _clinics(period):
    """(year, quarter, language, topic, with Foundation staff, clinics) of the clinics held in the period."""
    staff = ClinicSharer.objects.filter(foundation_staff=True).values("clinic_id")
    rows = (
        Clinic.objects.filter(period.clinics_held())
        .annotate(with_staff=Case(When(pk__in=staff, then=Value(True)), default=Value(False)))
        .order_by()
        .values_list(ExtractYear("start"), ExtractQuarter("start"), "language", "topic_id", "with_staff")
        .annotate(clinics=Count("pk"))
    )
    return [tuple(row) for row in rows]


def sharer_country():
    """A sharer's country: a participant's own; a guest's, the country recorded with their attendance as a sharer
    of that clinic (same email, else same name), if any; a former participant's is unknown."""
    guest_country = Subquery(
        Attendance.objects.filter(
            clinic_id=OuterRef("clinic_id"),
            participant__isnull=True,
            anonymous=False,
            role=Attendance.Role.SHARER,
            country__isnull=False,
        )
        .filter(Q(email__iexact=OuterRef("email"), email__gt="") | Q(email="", name__iexact=OuterRef("name")))
        .order_by("pk")
        .values("country_id")[:1]
    )
    return Case(
        When(participant__isnull=False, then=F("participant__country_id")),
        When(anonymous=False, then=guest_country),
        default=Value(None),
        output_field=CharField(),
    )


def _shares(period, country_regions):
    """(clinic language, sharer's region, appearances): one appearance per sharer per clinic held."""
    rows = (
        ClinicSharer.objects.filter(period.clinics_held("clinic__"))
        .annotate(country=sharer_country())
        .order_by()
        .values_list("clinic__language", "country")
        .annotate(appearances=Count("pk"))
    )
    return [(language, country_regions.get(country), appearances) for language, country, appearances in rows]


def _sharer_genders(period):
    """{gender: people} of the distinct participants who shared at a clinic held in the period."""
    sharers = ClinicSharer.objects.filter(period.clinics_held("clinic__"), participant__isnull=False)
    rows = (
        Participant.objects.filter(pk__in=sharers.values("participant_id"))
        .order_by()
        .values_list("gender")
        .annotate(people=Count("pk"))
    )
    return dict(rows)


def _retention(period):
    """Participants registered more than 2 years before the date, and those of them who attended or shared a
    clinic held in the 3 months before it (the start date does not apply)."""
    whole = Period(as_of=period.as_of)
    held = whole.clinics_held("clinic__", since=period.active_since)
    attended = Attendance.objects.filter(held, participant__isnull=False).values("participant_id")
    shared = ClinicSharer.objects.filter(held, participant__isnull=False).values("participant_id")
    return Participant.objects.filter(created_at__lt=period.cohort_registered_before).aggregate(
        cohort=Count("pk"), active=Count("pk", filter=Q(pk__in=attended) | Q(pk__in=shared))
    )
