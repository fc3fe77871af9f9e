"""Time the Skills Directory's never-requested searches over HTTP, on 100,000 participants and 1,000,000 skill links.

Run `REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/directory.py` (README, "Benchmarks"). It uses its own
PostgreSQL database (DATABASE_URL if that is PostgreSQL, else `letsconnect_bench` on 127.0.0.1), builds the data
the first time (a few minutes) and reuses it afterwards. REDIS_URL must name a Redis database of the benchmark's own.

gunicorn serves the site as bench/load.py does (deploy/gunicorn.conf.py, production settings, bench/urls.py). In
the same run, each search requested once, in turn, by a new visitor:
- ours: /en/people/ (the bitmap facet index, `skills.facet_index`), pages 1 and 5 of searches with a word and two
  facets, and searches by facets alone; the rendered pages of an earlier run are forgotten first;
- the same searches with the facets counted by one SQL statement (/bench/people-sql/, what the directory does
  when the cache is away), and the naive way (/bench/people-naive/, joins and DISTINCT; page 1 of some of them);
- then throughput: never-repeated searches from several clients at once for a while, against the trivial page.
Its last line: `directory: uncached p95 P ms, median M ms, facet-only p95 F ms, throughput 1/T of trivial`.
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb

if not os.environ.get("REDIS_URL"):
    sys.exit("Set REDIS_URL to a Redis database of the benchmark's own, e.g. redis://127.0.0.1:6379/7")
benchdb.setup_django("postgres://postgres@127.0.0.1:5432/letsconnect_bench")

import seed  # noqa: E402 -- after django.setup()
import server  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from participants.models import Participant  # noqa: E402
from skills import directory_index  # noqa: E402
from skills.models import ParticipantSkill  # noqa: E402

QUERIES = 50  # with a word and two facets, each at pages 1 and 5
FACET_ONLY = 20  # one or two facets, no word, page 1
NAIVE = 15  # of the searches with a word, page 1 only: the naive way takes seconds each
SEED = 42  # repeatable data and searches
GOAL_MS = 100
GOAL_RATIO = 25


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15, help="of each throughput run (default 15)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients of the throughput runs (default 8)")
    return parser.parse_args()


def repeatable_random(offset=0):
    return random.Random(SEED + offset)  # noqa: S311 -- the same data and searches every run; nothing secret


def build():
    call_command("migrate", "--noinput", verbosity=0)
    if seed.built():
        print(f"data already built: {Participant.objects.count():,} participants")  # noqa: T201
        return
    started = time.perf_counter()
    _people, languages = seed.build_directory_people(repeatable_random())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(  # noqa: T201 -- a benchmark prints its figures
        f"built {seed.PARTICIPANTS:,} participants, {languages:,} spoken languages, "
        f"{ParticipantSkill.objects.count():,} skill links in {time.perf_counter() - started:.0f} s"
    )


def query_string(query, page=1):
    return urlencode(
        {**({"q": query.text} if query.text else {}), **query.values, **({"page": page} if page > 1 else {})}
    )


def facet_only_searches(rng, count):
    """No word: one facet (most often) or two, as a visitor narrows the whole directory down."""
    searches = []
    for query in seed.directory_searches(rng, count):
        items = sorted(query.values.items())
        query.text, query.values = "", dict(items if rng.random() < 0.3 else [rng.choice(items)])
        searches.append(query)
    return searches


def timed_gets(port, paths):
    """Each path requested once, in turn: [ms, ...]; every answer must be a 200."""
    durations = []
    for path in paths:
        started = time.perf_counter()
        status, _body = server.get(port, path)
        durations.append((time.perf_counter() - started) * 1000)
        if status != 200:
            sys.exit(f"{path} answered {status}")
    return durations


def p95(durations):
    return statistics.quantiles(durations, n=20)[-1] if len(durations) > 1 else durations[0]


def report(label, durations, cpu, database):
    line = (
        f"{label:34} median {statistics.median(durations):7.1f} ms  p95 {p95(durations):7.1f} ms  "
        f"max {max(durations):7.1f} ms  ({len(durations)} requests, CPU each: "
        f"{cpu * 1000 / len(durations):.1f} ms gunicorn + {database * 1000 / len(durations):.1f} ms PostgreSQL"
    )
    print(line + f"; load {server.load_average()})")  # noqa: T201 -- a benchmark prints its figures


def phase(label, port, gunicorn, paths):
    before, database_before = server.cpu_seconds(gunicorn), server.database_cpu_seconds(connection)
    durations = timed_gets(port, paths)
    database_after = server.database_cpu_seconds(connection)
    database = sum(max(cpu - database_before.get(pid, 0), 0) for pid, cpu in database_after.items())
    report(label, durations, server.cpu_seconds(gunicorn) - before, database)
    return durations


def throughput(port, gunicorn, paths, *, seconds, clients):
    """Requests per second from `clients` clients for `seconds`, each path at most once; and CPU per request."""
    source, lock, done, failed, ran_out = iter(paths), threading.Lock(), [], [], []
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            with lock:
                path = next(source, None)
            if path is None:
                ran_out.append(True)
                return
            status, _body = server.get(port, path)
            (done if status == 200 else failed).append(path)

    before, started = server.cpu_seconds(gunicorn), time.monotonic()
    database_before = server.database_cpu_seconds(connection)
    threads = [threading.Thread(target=client) for _number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if failed:
        sys.exit(f"{len(failed)} requests failed, e.g. {failed[0]}")
    if ran_out:
        print("  (ran out of never-requested searches before the time was up)")  # noqa: T201
    after = server.database_cpu_seconds(connection)
    database = sum(max(cpu - database_before.get(pid, 0), 0) for pid, cpu in after.items())
    cpu = (server.cpu_seconds(gunicorn) - before + database) * 1000 / max(len(done), 1)
    return len(done) / elapsed, cpu


def unique_searches(count):
    """`count` directory paths never requested in this run: searches with a word and facets, facets alone, pages."""
    seen, paths, rng = set(), [], repeatable_random(1)
    for query in itertools.chain(seed.directory_searches(rng, count), facet_only_searches(rng, count // 3)):
        for page in (1, 2) if query.text else (1, 2, 3):
            qs = query_string(query, page)
            if qs not in seen:
                seen.add(qs)
                paths.append(f"/{rng.choice(['en', 'es', 'fr', 'ar', 'pt', 'sw'])}/people/?{qs}")
    rng.shuffle(paths)
    return paths


def main():
    options = arguments()
    build()
    searches = seed.directory_searches(repeatable_random(), QUERIES)
    facet_only = facet_only_searches(repeatable_random(2), FACET_ONLY)
    with_words = [query_string(query, page) for query in searches for page in (1, 5)]
    facets_alone = [query_string(query) for query in facet_only]
    log = tempfile.NamedTemporaryFile("w", prefix="bench-directory-", suffix=".log", delete=False)  # noqa: SIM115
    port = server.free_port()
    gunicorn = server.start_gunicorn(port, log)
    try:
        # Each worker loads the index once (from the snapshot in Redis, or the first builds it): not per search.
        timed_gets(port, ["/en/people/?q=warm-up-0"])
        warm = [threading.Thread(target=timed_gets, args=(port, [f"/en/people/?q=warm-up-{n}"])) for n in range(1, 16)]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        directory_index.forget_cached_searches()  # no page below was rendered before
        ours = phase("directory, ours", port, gunicorn, [f"/en/people/?{qs}" for qs in with_words])
        ours_facets = phase(
            "directory, ours, facets only", port, gunicorn, [f"/en/people/?{qs}" for qs in facets_alone]
        )
        phase("directory, ours, asked again", port, gunicorn, [f"/en/people/?{qs}" for qs in with_words])
        directory_index.forget_cached_searches()
        sql = phase("directory, one SQL statement", port, gunicorn, [f"/bench/people-sql/?{qs}" for qs in with_words])
        sql_facets = phase(
            "directory, SQL, facets only", port, gunicorn, [f"/bench/people-sql/?{qs}" for qs in facets_alone]
        )
        naive = phase(
            f"directory, naive ({NAIVE}, page 1)",
            port,
            gunicorn,
            [f"/bench/people-naive/?{query_string(query)}" for query in searches[:NAIVE]],
        )
        print(  # noqa: T201 -- a benchmark prints its figures
            f"{'ours / SQL statement':34} median {statistics.median(ours) / statistics.median(sql):7.2f}     "
            f"p95 {p95(ours) / p95(sql):7.2f}     facets only p95 {p95(ours_facets) / p95(sql_facets):.2f}; "
            f"ours / naive, median of page 1: {statistics.median(ours[: NAIVE * 2 : 2]) / statistics.median(naive):.3f}"
        )
        directory_index.forget_cached_searches()
        paths = unique_searches(4000)
        ours_rate, ours_cpu = throughput(port, gunicorn, paths, seconds=options.seconds, clients=options.clients)
        trivial_rate, _cpu = throughput(
            port, gunicorn, itertools.repeat("/bench/trivial"), seconds=options.seconds, clients=options.clients
        )
        print(  # noqa: T201 -- a benchmark prints its figures
            f"throughput, {options.clients} clients, {options.seconds} s each: never-requested searches "
            f"{ours_rate:.1f} req/s ({ours_cpu:.1f} ms of CPU each, gunicorn and PostgreSQL), trivial page "
            f"{trivial_rate:.1f} req/s; load {server.load_average()}"
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    all_ours = ours + ours_facets
    print(  # noqa: T201 -- a benchmark prints its figures
        f"goal: p95 under {GOAL_MS} ms (with and without words), throughput at least 1/{GOAL_RATIO} of trivial "
        f"({os.cpu_count()} CPUs; load {server.load_average()})"
    )
    print(  # noqa: T201 -- the last line, as the issue asks
        f"directory: uncached p95 {p95(all_ours):.0f} ms, median {statistics.median(all_ours):.0f} ms, "
        f"facet-only p95 {p95(ours_facets):.0f} ms, throughput 1/{trivial_rate / ours_rate:.0f} of trivial"
    )


if __name__ == "__main__":
    main()
