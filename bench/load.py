"""Load the whole site with locust through gunicorn, and compare each page's throughput with a trivial page's.

Run `REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/load.py` (README, "Benchmarks"). It uses its own
PostgreSQL database (DATABASE_URL if that is PostgreSQL, else `letsconnect_loadbench` on 127.0.0.1), builds the
data the first time (100,000 participants: several minutes) and reuses it afterwards. REDIS_URL must name a Redis
database of the benchmark's own: it is the cache, and the queue the RSVPs' emails wait in (emptied at the end).

gunicorn runs with deploy/gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_THREADS... from the environment) and the
production settings, plus a trivial page at /bench/trivial (bench/settings.py, bench/urls.py). Then, with locust
(bench/locustfile.py, a process of its own: its gevent must not patch Django): the realistic mix at --users users,
then each page alone and the trivial page alone, as fast as the server answers, for the ratio of throughputs.
"""

import argparse
import csv
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb

if not os.environ.get("REDIS_URL"):
    sys.exit("Set REDIS_URL to a Redis database of the benchmark's own, e.g. redis://127.0.0.1:6379/7")
benchdb.setup_django("postgres://postgres@127.0.0.1:5432/letsconnect_loadbench")

import seed  # noqa: E402 -- after django.setup()
from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from server import free_port, start_gunicorn  # noqa: E402

from clinics.models import Clinic  # noqa: E402
from letsconnect.celery import app as celery_app  # noqa: E402
from participants.models import Participant, User  # noqa: E402

ROOT = benchdb.ROOT
BIN = Path(sys.executable).parent
SEED = 42
PASSWORD = "bench-load-password-not-secret"  # noqa: S105 -- of bench accounts in a bench database
PROFILES = 2_000
SEARCHES = 120
PAST_CLINICS = 200
# The mix's languages: most pages are read in English, the rest in the site's other languages.
LANGUAGE_WEIGHTS = {"en": 50, "es": 15, "fr": 15, "ar": 8, "pt": 8, "sw": 4}
# (locust tag, name in the table, target: at least this fraction of the trivial page's throughput)
PAGES = [
    ("home", "home", None),
    ("clinic_list", "clinic list", 1 / 25),
    ("clinic_detail", "clinic detail", None),
    ("directory", "directory", 1 / 25),
    ("profile", "profile", 1 / 25),
    ("impact", "impact", 1 / 8),
]
P95_TARGET_MS = 200
WARM_UP_SECONDS = 15


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent users of the mix (default 50)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of the mix (default 60)")
    parser.add_argument(
        "--wait",
        type=float,
        nargs=2,
        default=[1.0, 5.0],
        metavar=("MIN", "MAX"),
        help="seconds each user of the mix reads a page before the next (default 1 to 5, locust's usual think time)",
    )
    parser.add_argument("--alone-users", type=int, default=10, help="concurrent users of each page alone")
    parser.add_argument("--alone-duration", type=int, default=20, help="seconds of each page alone (default 20)")
    parser.add_argument("--sessions", type=int, default=20, help="signed-in participants the members share")
    parser.add_argument(
        "--cached-searches",
        action="store_true",
        help="request each directory search of the plan once before the mix (by default none is cached)",
    )
    parser.add_argument("--pages", nargs="*", default=[tag for tag, _name, _target in PAGES], help="pages alone")
    return parser.parse_args()


def build_data():
    call_command("migrate", "--noinput", verbosity=0)
    if seed.built():
        return
    started = time.perf_counter()
    seed.build_site(random.Random(SEED))  # noqa: S311 -- repeatable data, nothing secret
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"built the data in {time.perf_counter() - started:.0f} s")  # noqa: T201


def prepare_static_files():
    """What a release does before serving (the Procfile's `release`)."""
    call_command("compilemessages", ignore_patterns=[".venv/*", "node_modules/*"], verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)


def members(count):
    """The first listed participants, able to sign in with a password and a verified address."""
    users = list(User.objects.filter(participant__listed=True).order_by("pk")[:count])
    User.objects.filter(pk__in=[user.pk for user in users]).update(password=make_password(PASSWORD))
    for user in users:
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return users


def plan(rng, sessions):
    """What the users pick from: clinics, profiles, searches, languages and the members' sessions."""
    upcoming = list(Clinic.objects.upcoming().values_list("slug", flat=True))
    past = list(Clinic.objects.visible().past().values_list("slug", flat=True)[:PAST_CLINICS])
    profiles = list(Participant.objects.listed().order_by("?").values_list("user__username", flat=True)[:PROFILES])
    searches = [urlencode({"q": query.text, **query.values}) for query in seed.directory_searches(rng, SEARCHES)]
    # A third of the directory's visitors open it without searching, or search by a facet alone.
    searches += [""] * (SEARCHES // 4) + [urlencode(dict([item])) for item in _facets(rng, SEARCHES // 4)]
    return {
        "upcoming": upcoming,
        "clinics": upcoming + past,
        "profiles": profiles,
        "searches": searches,
        "languages": list(LANGUAGE_WEIGHTS),
        "language_weights": list(LANGUAGE_WEIGHTS.values()),
        "sessions": sessions,
    }


def _facets(rng, count):
    items = []
    for query in seed.directory_searches(rng, count):
        items.append(rng.choice(sorted(query.values.items())))
    return items


def request(port, method, path, *, body=None, cookies=None):
    """One HTTP request; returns (status, headers, text). Cookies by hand: the site's are Secure, this is HTTP."""
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://127.0.0.1:{port}{path}"
    try:
        connection_.request(method, path, body=body, headers=headers)
        response = connection_.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection_.close()


def set_cookies(headers):
    cookies = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _sep, rest = value.partition("=")
            cookies[key] = rest.split(";", 1)[0]
    return cookies


def sign_in(port, user):
    """Through the real sign-in form (allauth), with its CSRF token: the member's session and CSRF cookies."""
    status, headers, page = request(port, "GET", "/en/accounts/login/")
    cookies = set_cookies(headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not token:
        sys.exit(f"the sign-in page answered {status} without a form")
    body = urlencode({"csrfmiddlewaretoken": token.group(1), "login": user.username, "password": PASSWORD})
    status, headers, _page = request(port, "POST", "/en/accounts/login/", body=body, cookies=cookies)
    cookies |= set_cookies(headers)
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"signing in {user.username} answered {status} without a session")
    return {"sessionid": cookies["sessionid"], "csrftoken": cookies["csrftoken"]}


def locust(port, plan_path, prefix, *, users, seconds, wait, tags=(), exclude=(), classes=()):
    """One headless locust run; returns its rows by name from the CSV it writes."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{port}",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--skip-log",
        "--exit-code-on-error",
        "0",
    ]
    if tags:
        command += ["--tags", *tags]
    if exclude:
        command += ["--exclude-tags", *exclude]
    command += list(classes)
    env = {**os.environ, "LOAD_BENCH_PLAN": str(plan_path), "LOAD_BENCH_WAIT": f"{wait[0]},{wait[1]}"}
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def figures(row):
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "median": float(row["50%"]),
        "p95": float(row["95%"]),
    }


def print_mix(rows, users, wait):
    print(f"\nThe mix: {users} users, each reading a page {wait[0]:g} to {wait[1]:g} s")  # noqa: T201
    print(f"{'page':22} {'requests':>9} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")  # noqa: T201
    for name, row in sorted(rows.items(), key=lambda item: item[0] == "Aggregated"):
        figure = figures(row)
        label = "all" if name == "Aggregated" else name
        print(  # noqa: T201 -- a benchmark prints its figures
            f"{label:22} {figure['requests']:9} {figure['rps']:8.1f} {figure['median']:10.0f} {figure['p95']:8.0f} "
            f"{figure['errors']:7}"
        )
    total = figures(rows["Aggregated"])
    verdict = "met" if total["errors"] == 0 and total["p95"] < P95_TARGET_MS else "NOT met"
    print(f"target: no errors and p95 under {P95_TARGET_MS} ms: {verdict}")  # noqa: T201


def print_alone(alone, users):
    first, last = alone["trivial"]
    trivial = {name: (first[name] + last[name]) / 2 for name in first}
    print(f"\nEach page alone: {users} users, no wait; throughput against the trivial page's")  # noqa: T201
    print(f"{'page':22} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} {'errors':>7} {'ratio':>8} {'target':>8}")  # noqa: T201
    rows = [(name, alone[tag][0], target) for tag, name, target in PAGES if tag in alone]
    rows += [("trivial, first", first, None), ("trivial, last", last, None)]
    for name, figure, target in rows:
        ratio = figure["rps"] / trivial["rps"] if trivial["rps"] else 0
        goal = f"1/{1 / target:.0f}" if target else ""
        verdict = "" if target is None else (" met" if ratio >= target else " NOT met")
        print(  # noqa: T201 -- a benchmark prints its figures
            f"{name:22} {figure['rps']:8.1f} {figure['median']:10.0f} {figure['p95']:8.0f} {figure['errors']:7} "
            f"{'1/' + format(1 / ratio, '.1f') if ratio else '-':>8} {goal:>8}{verdict}"
        )


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def warm_up_searches(port, searches):
    """With --cached-searches, each search of the plan once first: their answers are then in the cache. By default
    they are not (issue 23): every search's first request in the mix is computed, as a new search is."""
    for search in searches:
        status, _headers, _page = request(port, "GET", f"/en/people/?{search}")
        if status != 200:
            sys.exit(f"the directory answered {status} to {search!r}")


def run_all(port, folder, options, accounts):
    sessions = [sign_in(port, user) for user in accounts]
    the_plan = plan(random.Random(SEED), sessions)  # noqa: S311 -- repeatable, nothing secret
    plan_path = folder / "plan.json"
    plan_path.write_text(json.dumps(the_plan), encoding="utf-8")
    if options.cached_searches:
        warm_up_searches(port, the_plan["searches"])
    mix = {"users": options.users, "wait": options.wait, "exclude": ["trivial"]}
    locust(port, plan_path, folder / "warmup", seconds=WARM_UP_SECONDS, **mix)  # the pages' own caches
    print_mix(locust(port, plan_path, folder / "mix", seconds=options.duration, **mix), options.users, options.wait)
    alone = {}
    # The trivial page first and last, and their mean as the ceiling: the machine's load drifts meanwhile.
    tags = ["trivial", *(page[0] for page in PAGES if page[0] in options.pages), "trivial"]
    for number, tag in enumerate(tags):
        rows = locust(
            port,
            plan_path,
            folder / f"{number}-{tag}",
            users=options.alone_users,
            seconds=options.alone_duration,
            wait=(0, 0),
            tags=[tag],
            classes=["Visitor"],
        )
        alone.setdefault(tag, []).append(figures(rows["Aggregated"]))
    print_alone(alone, options.alone_users)


def main():
    options = arguments()
    build_data()
    prepare_static_files()
    accounts = members(options.sessions)
    print(  # noqa: T201 -- a benchmark prints its figures
        f"{Participant.objects.count():,} participants, {Clinic.objects.count():,} clinics; gunicorn workers "
        f"{os.environ.get('WEB_CONCURRENCY', '(default)')}, threads {os.environ.get('GUNICORN_THREADS', '(default)')}; "
        f"load average {load_average()}"
    )
    with tempfile.TemporaryDirectory(prefix="loadbench-") as folder:
        folder = Path(folder)
        port = free_port()
        with open(folder / "gunicorn.log", "w", encoding="utf-8") as log:
            server = start_gunicorn(port, log)
            try:
                run_all(port, folder, options, accounts)
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=60)
                celery_app.control.purge()  # the RSVPs' confirmation emails, never to be sent
        print(f"load average at the end: {load_average()}")  # noqa: T201
        tracebacks = (folder / "gunicorn.log").read_text(encoding="utf-8").count("Traceback")
        if tracebacks:
            print(f"gunicorn logged {tracebacks} tracebacks")  # noqa: T201


if __name__ == "__main__":
    main()
