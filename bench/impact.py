"""Time the impact page on 100,000 participants and 1,000,000 attendance rows, uncached and cached.

Run with `make bench`, or `.venv/bin/python bench/impact.py` alone. It uses its own PostgreSQL database
(DATABASE_URL if that is PostgreSQL, else `letsconnect_bench_impact` on 127.0.0.1), builds the data the first
time (a few minutes) and reuses it afterwards. The cache is the configured one (REDIS_URL, else local memory).
"""

import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/letsconnect_bench_impact"
PARTICIPANTS = 100_000
CLINICS = 2_500
# Per clinic held (about 2,350 of the 2,500; none in cancelled ones): about 1,000,000 attendance rows in all.
REGISTERED_PER_CLINIC = 340  # 800,000 rows of participants
UNREGISTERED_PER_CLINIC = 81  # 190,000 rows of people without an account, about 60,000 distinct
ANONYMOUS_PER_CLINIC = 4  # 10,000 rows left by deleted accounts
UNREGISTERED_PEOPLE = 60_000
BATCH_SIZE = 10_000
UNCACHED_ROUNDS = 9
CACHED_ROUNDS = 100
SEED = 42
PROGRAM_START = datetime(2022, 4, 21, 14, tzinfo=UTC)


def bench_database_url():
    """DATABASE_URL when it names a PostgreSQL database, else the bench database; created if missing."""
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        url = DEFAULT_DATABASE_URL
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance_url = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url


os.environ["DATABASE_URL"] = bench_database_url()
os.environ["DJANGO_SETTINGS_MODULE"] = "letsconnect.settings"
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-to-serve-anything")
os.environ["ALLOWED_HOSTS"] = "*"
os.environ["SECURE_SSL_REDIRECT"] = "0"
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402 -- after django.setup()
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from clinics.models import Attendance, Clinic, ClinicSharer, Topic  # noqa: E402
from participants.languages import language_codes  # noqa: E402
from participants.models import Affiliate, Country, HomeWiki, Participant, User  # noqa: E402

GENDERS = {"woman": 38, "man": 34, "non-binary": 2, "not-listed": 1, "prefer-not": 5, "": 20}


def repeatable_random():
    return random.Random(SEED)  # noqa: S311 -- the same data every run; nothing secret


def built():
    return Participant.objects.count() >= PARTICIPANTS


@transaction.atomic
def build(rng):
    """Participants over four years, clinics every few days, attendance and sharers; attendance written in SQL."""
    countries = list(Country.objects.filter(region__isnull=False).values_list("code", flat=True))
    affiliates = list(Affiliate.objects.values_list("pk", flat=True))
    editions = sorted(language_codes())
    now = timezone.now()
    span = (now - PROGRAM_START).total_seconds()
    password = make_password(None)
    users, people = [], []
    for number in range(PARTICIPANTS):
        created = PROGRAM_START - timedelta(days=30) + timedelta(seconds=span * rng.random() ** 0.8)
        user = User(username=f"bench{number}", email=f"bench{number}@bench.invalid", password=password)
        users.append(user)
        people.append(
            Participant(
                user=user,
                display_name=f"Bench {number}",
                country_id=rng.choice(countries),
                gender=rng.choices(list(GENDERS), weights=list(GENDERS.values()))[0],
                created_at=created,
            )
        )
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    Participant.objects.bulk_create(people, batch_size=BATCH_SIZE)
    wikis = [HomeWiki(participant=person, project="wikipedia", language=rng.choice(editions)) for person in people]
    wikis += [HomeWiki(participant=person, project="wikidata") for person in people if rng.random() < 0.3]
    HomeWiki.objects.bulk_create(wikis, batch_size=BATCH_SIZE)
    through = Participant.affiliates.through
    through.objects.bulk_create(
        [through(participant=person, affiliate_id=rng.choice(affiliates)) for person in people if rng.random() < 0.3],
        batch_size=BATCH_SIZE,
    )
    topics = Topic.objects.bulk_create([Topic(slug=f"bench-topic-{n}", name=f"Bench topic {n}") for n in range(30)])
    step = (now - PROGRAM_START) / CLINICS
    statuses = [Clinic.Status.HELD] * 90 + [Clinic.Status.CANCELLED] * 6 + [Clinic.Status.SCHEDULED] * 4
    clinics = Clinic.objects.bulk_create(
        [
            Clinic(
                title=f"Bench clinic {n}",
                slug=f"bench-clinic-{n}",
                topic=rng.choice(topics),
                language=rng.choice(["en", "en", "es", "fr", "ar", "pt", "sw"]),
                start=PROGRAM_START + step * n,
                status=rng.choice(statuses),
            )
            for n in range(CLINICS)
        ],
        batch_size=BATCH_SIZE,
    )
    sharers = []
    for clinic in clinics:
        for position, person in enumerate(rng.sample(people, k=rng.randint(1, 2))):
            sharers.append(ClinicSharer(clinic=clinic, participant=person, position=position))
        if rng.random() < 0.35:
            sharers.append(
                ClinicSharer(clinic=clinic, name="Guest", foundation_staff=rng.random() < 0.8, position=len(sharers))
            )
    ClinicSharer.objects.bulk_create(sharers, batch_size=BATCH_SIZE)
    first_participant = people[0].pk
    _attendance_in_sql(first_participant, countries)


def _attendance_in_sql(first_participant, countries):
    """A million attendance rows in one INSERT ... SELECT (Python would take minutes), clinic after clinic as
    reports are imported after each session: participants (distinct per clinic: 4,729 and 100,000 share no
    factor), people without an account seen again and again (by email for 60%, Wikimedia username for 20%, name
    alone for the rest; a third without a country), and rows left by deleted accounts."""
    table, clinics = Attendance._meta.db_table, Clinic._meta.db_table
    country_list = "ARRAY[" + ",".join(f"'{code}'" for code in countries) + "]"
    registered = (
        f"SELECT c.id AS clinic_id, %s + ((c.id * 7919 + i * 4729) %% {PARTICIPANTS}) AS participant_id, "  # noqa: S608
        "'' AS name, '' AS email, '' AS wikimedia_username, false AS anonymous, NULL AS country_id "
        f"FROM {clinics} c CROSS JOIN generate_series(1, {REGISTERED_PER_CLINIC}) i WHERE c.status <> 'cancelled'"
    )
    unregistered = (
        "SELECT c.id, NULL, 'Guest ' || p, "  # noqa: S608 -- names and numbers of this script only
        "CASE WHEN p %% 10 < 6 THEN (CASE WHEN i %% 2 = 0 THEN 'Guest' ELSE 'guest' END) || p || '@bench.invalid' "
        "ELSE '' END, CASE WHEN p %% 10 BETWEEN 6 AND 7 THEN 'Guest_' || p ELSE '' END, false, "
        f"CASE WHEN p %% 3 = 0 THEN NULL ELSE ({country_list})[1 + p %% {len(countries)}] END "
        f"FROM {clinics} c CROSS JOIN generate_series(1, {UNREGISTERED_PER_CLINIC}) i "
        f"CROSS JOIN LATERAL (SELECT (c.id * 104729 + i * 7717) %% {UNREGISTERED_PEOPLE} AS p) people "
        "WHERE c.status <> 'cancelled'"
    )
    anonymous = (
        f"SELECT c.id, NULL, '', '', '', true, NULL FROM {clinics} c "  # noqa: S608
        f"CROSS JOIN generate_series(1, {ANONYMOUS_PER_CLINIC}) i WHERE c.status <> 'cancelled'"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (clinic_id, participant_id, name, email, wikimedia_username, anonymous, "  # noqa: S608
            f"country_id, role) SELECT rows.*, 'learner' FROM ({registered} UNION ALL {unregistered} "
            f"UNION ALL {anonymous}) rows ORDER BY rows.clinic_id",
            [first_participant],
        )


def timed(client, path, rounds, *, clear):
    durations, queries = [], 0
    for _round in range(rounds):
        if clear:
            cache.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        durations.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
        assert response.status_code == 200, response.status_code  # noqa: S101 -- a benchmark stops on a broken page
    return durations, queries, captured


def main():
    call_command("migrate", verbosity=0)
    if not built():
        started = time.perf_counter()
        build(repeatable_random())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"built the data in {time.perf_counter() - started:.0f} s")  # noqa: T201
    counts = (Participant.objects.count(), Attendance.objects.count(), Clinic.objects.count())
    print(f"{counts[0]:,} participants, {counts[1]:,} attendance rows, {counts[2]:,} clinics")  # noqa: T201
    client = Client(HTTP_HOST="127.0.0.1")
    path = "/en/impact/"
    client.get(path)  # warm up connections and templates
    uncached, queries, captured = timed(client, path, UNCACHED_ROUNDS, clear=True)
    for query in captured.captured_queries:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:110]}")  # noqa: T201
    cached, cached_queries, _captured = timed(client, path, CACHED_ROUNDS, clear=False)
    for label, durations, count in (("uncached", uncached, queries), ("cached", cached, cached_queries)):
        print(  # noqa: T201 -- a benchmark prints its figures
            f"{path} {label:9} median {statistics.median(durations):7.1f} ms  "
            f"min {min(durations):7.1f} ms  max {max(durations):7.1f} ms  {count} queries"
        )


if __name__ == "__main__":
    main()
