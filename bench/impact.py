"""Time the impact page on 100,000 participants and 1,000,000 attendance rows, uncached and cached.

Run with `make bench`, or `.venv/bin/python bench/impact.py` alone. It uses its own PostgreSQL database
(DATABASE_URL if that is PostgreSQL, else `letsconnect_bench_impact` on 127.0.0.1), builds the data the first
time (a few minutes) and reuses it afterwards, then rebuilds the impact summaries that are stale (all of them the
first time). The cache is the configured one (REDIS_URL, else local memory).
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb

benchdb.setup_django("postgres://postgres@127.0.0.1:5432/letsconnect_bench_impact")

import seed  # noqa: E402 -- after django.setup()
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from activity.models import MonthlyEdits, WikiAccount  # noqa: E402
from clinics.models import Attendance, Clinic  # noqa: E402
from impact import summaries  # noqa: E402
from participants.models import Participant  # noqa: E402

UNCACHED_ROUNDS = 10
CACHED_ROUNDS = 100
SEED = 42


def repeatable_random():
    return random.Random(SEED)  # noqa: S311 -- the same data every run; nothing secret


def timed(client, path, rounds, *, clear):
    """Wall-clock times, the Django process's CPU times and the times of the queries (as the client waited for
    them), each in ms per request; the number of queries and the last request's."""
    durations, cpu, database, queries = [], [], [], 0
    for _round in range(rounds):
        if clear:
            cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        durations.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        database.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        queries = len(captured)
        assert response.status_code == 200, response.status_code  # noqa: S101 -- a benchmark stops on a broken page
    return durations, cpu, database, queries, captured


def main():
    call_command("migrate", verbosity=0)
    if not seed.built():
        started = time.perf_counter()
        seed.build_impact_people(repeatable_random())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"built the data in {time.perf_counter() - started:.0f} s")  # noqa: T201
    if not seed.activity_built():
        started = time.perf_counter()
        seed.build_impact_activity(repeatable_random())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"built the on-wiki activity in {time.perf_counter() - started:.0f} s")  # noqa: T201
    counts = (
        Participant.objects.count(),
        Attendance.objects.count(),
        Clinic.objects.count(),
        WikiAccount.objects.count(),
        MonthlyEdits.objects.count(),
    )
    print(  # noqa: T201
        f"{counts[0]:,} participants, {counts[1]:,} attendance rows, {counts[2]:,} clinics, "
        f"{counts[3]:,} sharing their on-wiki activity, {counts[4]:,} monthly edit counts"
    )
    started = time.perf_counter()
    rebuilt = summaries.rebuild()
    print(f"rebuilt the summaries {rebuilt or '(none stale)'} in {time.perf_counter() - started:.1f} s")  # noqa: T201
    client = Client(HTTP_HOST="127.0.0.1")
    path = "/en/impact/"
    client.get(path)  # warm up connections and templates
    load_before = os.getloadavg()[0]
    *uncached, captured = timed(client, path, UNCACHED_ROUNDS, clear=True)
    for query in captured.captured_queries:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:110]}")  # noqa: T201
    *cached, _captured = timed(client, path, CACHED_ROUNDS, clear=False)
    for label, (durations, cpu, database, count) in (("uncached", uncached), ("cached", cached)):
        print(  # noqa: T201 -- a benchmark prints its figures
            f"{path} {label:9} median {statistics.median(durations):7.1f} ms  "
            f"min {min(durations):7.1f} ms  max {max(durations):7.1f} ms  {count} queries  "
            f"CPU median {statistics.median(cpu):6.1f} ms  queries median {statistics.median(database):6.1f} ms"
        )
    print(f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")  # noqa: T201


if __name__ == "__main__":
    main()
