"""The impact page's summaries give exactly the rows, and so the figures, of the direct reads, at any date; a
write leaves them stale (the figures are then read directly) until they are rebuilt."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection

from activity import summary as activity_summary
from activity.models import MonthlyEdits, WikiAccount
from clinics.models import Attendance, Clinic
from clinics.participant_hooks import link_earlier_attendance
from impact import queries, report, summaries
from participants.models import HomeWiki
from tests.factories import (
    AffiliateFactory,
    AttendanceFactory,
    ClinicFactory,
    ClinicSharerFactory,
    ParticipantFactory,
    TopicFactory,
)

from .conftest import at

pytestmark = pytest.mark.django_db

COUNTRIES = ["GH", "KE", "BR", "FR", "EG", None]
FIRST_DAY = date(2022, 1, 1)
LAST_DAY = date(2026, 6, 30)
SPAN = (LAST_DAY - FIRST_DAY).days


def fresh_parts():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {summaries.FRESHNESS_SQL}")
        built, changed = cursor.fetchone()
    return summaries.fresh_parts(built=built, changed=changed)


def a_day(rng, first=FIRST_DAY, span=SPAN):
    return first + timedelta(days=rng.randrange(span + 1))


def when(rng, day):
    return at(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60))


def random_program(rng):
    """Participants registering over 4 years (some editing a Wikipedia, some in affiliates), clinics in every
    state (several on the same days), registered, unregistered (by email, username, name, nothing) and anonymous
    attendees with changing countries, sharers, and the monthly edits of those who share their activity."""
    affiliates = [AffiliateFactory() for _index in range(3)]
    topic = TopicFactory()
    people = []
    for _index in range(40):
        participant = ParticipantFactory(
            created_at=when(rng, a_day(rng, date(2021, 6, 1), SPAN + 200)),
            country_id=rng.choice(COUNTRIES),
            gender=rng.choice(["woman", "man", ""]),
        )
        if rng.random() < 0.6:
            HomeWiki.objects.create(participant=participant, project="wikipedia", language=rng.choice(["sw", "yo"]))
        if rng.random() < 0.3:
            HomeWiki.objects.create(participant=participant, project="wikidata")
        if rng.random() < 0.4:
            participant.affiliates.add(*rng.sample(affiliates, k=rng.randint(1, 2)))
        people.append(participant)
    clinic_days = [a_day(rng) for _index in range(12)]
    statuses = [Clinic.Status.HELD] * 5 + [Clinic.Status.SCHEDULED] * 2 + [Clinic.Status.CANCELLED, Clinic.Status.DRAFT]
    clinics = [
        ClinicFactory(topic=topic, start=when(rng, rng.choice(clinic_days)), status=rng.choice(statuses))
        for _index in range(25)
    ]
    guests = [
        {"name": f"Guest {n}", "email": f"Guest{n}@example.org"}
        if n % 3 == 0
        else {"name": f"Guest {n}", "wikimedia_username": f"Guest_{n}"}
        if n % 3 == 1
        else {"name": f"Guest {n}"}
        for n in range(15)
    ]
    for clinic in clinics:
        for participant in rng.sample(people, k=rng.randint(0, 6)):
            AttendanceFactory(clinic=clinic, participant=participant)
        for guest in rng.sample(guests, k=rng.randint(0, 6)):
            AttendanceFactory(clinic=clinic, participant=None, country_id=rng.choice(COUNTRIES), **guest)
        if rng.random() < 0.3:  # the same person, differently written
            AttendanceFactory(clinic=clinic, participant=None, name="guest 2 ", country_id=rng.choice(COUNTRIES))
        if rng.random() < 0.3:
            AttendanceFactory(clinic=clinic, participant=None, anonymous=True)
        for participant in rng.sample(people, k=rng.randint(0, 2)):
            ClinicSharerFactory(clinic=clinic, participant=participant)
    for participant in rng.sample(people, k=15):
        share_activity(rng, participant)
    activity_summary.refresh()
    return people, guests


def share_activity(rng, participant):
    WikiAccount.objects.create(
        participant=participant,
        consented_at=participant.created_at,
        state=rng.choice([WikiAccount.State.READ] * 3 + [WikiAccount.State.WAITING]),
        complete_until={"sw.wikipedia": "2026-07-01", "wikidata": rng.choice(["2026-07-01", "2025-01-01"])},
    )
    month = date(2022, 1, 1)
    while month < date(2026, 7, 1):
        for project, language in (("wikipedia", "sw"), ("wikipedia", "yo"), ("wikidata", "")):
            if rng.random() < 0.15:
                MonthlyEdits.objects.create(
                    participant=participant, project=project, language=language, month=month, edits=rng.randint(0, 9)
                )
        month = activity_summary.add_months(month, 1)


def periods(rng):
    """Random "as of" days (some on clinic days, month and quarter ends), half with a start."""
    clinic_days = [start.date() for start in Clinic.objects.values_list("start", flat=True)]
    chosen = [LAST_DAY, date(2025, 12, 31), date(2024, 2, 29), *rng.sample(clinic_days, k=3)]
    chosen += [a_day(rng) for _index in range(6)]
    result = []
    for as_of in chosen:
        result.append(queries.Period(as_of=as_of))
        first = rng.choice([*clinic_days, a_day(rng)])
        start = min(first, as_of) if rng.random() < 0.8 else as_of.replace(day=1)
        result.append(queries.Period(as_of=as_of, start=start))
        result.append(queries.Period(as_of=as_of, start=as_of - timedelta(days=rng.choice([0, 1, 40, 400]))))
    return result


def normalised(rows):
    """The rows, each list sorted, as text (so that a Decimal instead of an int, or None for 0, would differ)."""

    def sort(value):
        if isinstance(value, list):
            return sorted(value, key=repr)
        if isinstance(value, dict):
            return {key: sort(item) for key, item in sorted(value.items(), key=repr)}
        return value

    return repr(sort(rows))


def assert_same_as_direct(period):
    direct = queries.read_rows(period=period, summaries=False)
    summarised = queries.read_rows(period=period)

    assert normalised(summarised) == normalised(direct), period
    assert report.build(period=period, rows=summarised) == report.build(period=period, rows=direct), period


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_summaries_give_the_rows_and_figures_of_the_direct_reads_at_any_date(seed):
    rng = random.Random(seed)  # noqa: S311 -- repeatable test data, nothing secret
    people, guests = random_program(rng)
    assert fresh_parts() == set()  # never built: everything read directly

    assert summaries.rebuild() == list(summaries.PARTS)
    assert fresh_parts() == set(summaries.PARTS)
    for period in periods(rng):
        assert_same_as_direct(period)

    # Guests register and link their earlier attendance, a scheduled clinic is held, countries are corrected,
    # someone shares no more, new edits are read.
    for guest in guests[:6:3]:
        newcomer = ParticipantFactory(created_at=when(rng, a_day(rng)), country_id=rng.choice(COUNTRIES[:-1]))
        link_earlier_attendance(sender=None, participant=newcomer, email=guest["email"])
    Clinic.objects.filter(status=Clinic.Status.SCHEDULED).update(status=Clinic.Status.HELD)
    for attendance in Attendance.objects.filter(participant=None, anonymous=False)[:5]:
        attendance.country_id = rng.choice(COUNTRIES)
        attendance.save()
    WikiAccount.objects.filter(participant=people[0]).delete()
    MonthlyEdits.objects.filter(participant=people[0]).delete()
    share_activity(rng, people[1] if not WikiAccount.objects.filter(participant=people[1]).exists() else people[2])
    activity_summary.refresh()
    assert fresh_parts() == set()

    assert set(summaries.rebuild()) == set(summaries.PARTS)
    for period in periods(rng):
        assert_same_as_direct(period)


def test_a_write_to_one_table_leaves_only_the_summaries_read_from_it_stale():
    participant = ParticipantFactory(created_at=at(2025, 1, 5))
    summaries.rebuild()

    MonthlyEdits.objects.create(participant=participant, project="wikidata", month=date(2025, 2, 1), edits=3)
    stale_after_edits = set(summaries.PARTS) - fresh_parts()
    summaries.rebuild()
    participant.display_name = "Someone else"  # not a column any figure reads
    participant.save()
    stale_after_renaming = set(summaries.PARTS) - fresh_parts()
    participant.country_id = "GH"
    participant.save()

    assert stale_after_edits == {"activity"}
    assert stale_after_renaming == set()
    assert set(summaries.PARTS) - fresh_parts() == {"registrations", "retention", "shares"}
    assert summaries.rebuild() == ["registrations", "retention", "shares"]
    assert fresh_parts() == set(summaries.PARTS)


def test_retention_from_the_summaries_at_every_day_around_the_ends_of_short_months():
    # Registered and active around month ends: "2 years before" and "3 months before" a 31st or a 29 February
    # fall on a shorter month's last day.
    clinics = {}
    for offset in range(45):
        registered = date(2021, 12, 20) + timedelta(days=offset)
        participant = ParticipantFactory(created_at=at(registered.year, registered.month, registered.day))
        attended = date(2023, 11, 20) + timedelta(days=offset)
        if attended not in clinics:
            status = Clinic.Status.SCHEDULED if offset % 4 == 0 else Clinic.Status.HELD
            clinics[attended] = ClinicFactory(status=status, start=at(attended.year, attended.month, attended.day))
        AttendanceFactory(clinic=clinics[attended], participant=participant)
    summaries.rebuild()

    for offset in range(110):
        period = queries.Period(as_of=date(2023, 12, 20) + timedelta(days=offset))
        direct = queries.read_rows(period=period, summaries=False)["retention"]
        assert queries.read_rows(period=period)["retention"] == direct, period
