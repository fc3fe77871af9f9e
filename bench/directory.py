"""Time the Skills Directory's queries on 100,000 participants and 1,000,000 skill links, against a naive search.

Run with `make bench`, or `.venv/bin/python bench/directory.py` alone. It uses its own PostgreSQL database
(DATABASE_URL if that is PostgreSQL, else `letsconnect_bench` on 127.0.0.1), builds the data the first time
(a few minutes) and reuses it afterwards.
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb

benchdb.setup_django("postgres://postgres@127.0.0.1:5432/letsconnect_bench")

import seed  # noqa: E402 -- after django.setup()
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When, prefetch_related_objects  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from participants.models import Participant, SpokenLanguage  # noqa: E402
from skills import directory_index, queries  # noqa: E402
from skills.models import ParticipantSkill  # noqa: E402

QUERIES = 50
SEED = 42  # repeatable data and searches
PAGE_SIZE = 20  # as skills.views.DIRECTORY_PAGE_SIZE


def repeatable_random():
    return random.Random(SEED)  # noqa: S311 -- the same data and searches every run; nothing secret


def our_page(query):
    """What one directory page asks the database (as skills.views.directory): the first 20 with their languages
    and shared skills, how many there are, and every facet's counts. Returns (people found, queries run)."""
    with CaptureQueriesContext(connection) as run:
        current, _counts = queries.search(query, page_number=1, page_size=PAGE_SIZE)
    return current.paginator.count, len(run)


def naive_page(query):
    """The same page the naive way."""
    with CaptureQueriesContext(connection) as run:
        current = Paginator(naive_results(query), PAGE_SIZE).get_page(1)
        people = list(current.object_list)
        shared = ParticipantSkill.objects.filter(kind=ParticipantSkill.Kind.SHARE).select_related("skill")
        prefetch_related_objects(people, "languages", Prefetch("skills", queryset=shared, to_attr="shared_skills"))
        naive_facet_counts(query)
    return current.paginator.count, len(run)


# The naive way, for comparison: icontains on the raw fields and on every language's skill name through
# joins, facets as plain joins, DISTINCT to undo the duplicates the joins make.
NAME_FIELDS = [f"skills__skill__name_{code}" for code, _name in settings.LANGUAGES]


def naive_matching(query, *, ignore=()):
    participants = Participant.objects.listed()
    for word in query.words:
        text = Q(display_name__icontains=word) | Q(bio__icontains=word)
        for name in NAME_FIELDS:
            text |= Q(**{f"{name}__icontains": word})
        participants = participants.filter(text)
    values = query.values
    links = {}
    if values.get("skill") and "skill" not in ignore:
        links["skills__skill__slug"] = values["skill"]
    if values.get("category") and "category" not in ignore:
        links["skills__skill__category__slug"] = values["category"]
    if values.get("mode") and "mode" not in ignore:
        links["skills__kind"] = values["mode"]
    if links:
        participants = participants.filter(**links)
    for facet, lookup in (("region", "country__region_id"), ("country", "country_id"), ("role", "role")):
        if values.get(facet) and facet not in ignore:
            participants = participants.filter(**{lookup: values[facet]})
    if values.get("language") and "language" not in ignore:
        participants = participants.filter(languages__language=values["language"])
    if values.get("affiliate") and "affiliate" not in ignore:
        participants = participants.filter(show_affiliation=True, affiliates=values["affiliate"])
    return participants.distinct()


def naive_results(query):
    rank = Value(0, output_field=IntegerField())
    for word in query.words:
        rank = rank + Case(When(display_name__icontains=word, then=Value(1)), default=Value(0))
    return (
        naive_matching(query)
        .annotate(rank=rank, last_seen=Coalesce("user__last_login", "created_at"))
        .select_related("user", "country__region")
        .order_by("-rank", F("last_seen").desc(nulls_last=True), "pk")
    )


def naive_facet_counts(query):
    """The same counts as skills.queries.facet_counts, over naive_matching."""
    values, counts = query.values, {}
    by_skill = ParticipantSkill.objects.filter(participant__in=naive_matching(query, ignore=("skill", "category")))
    if values.get("mode"):
        by_skill = by_skill.filter(kind=values["mode"])
    for facet, column in (("skill", "skill_id"), ("category", "skill__category__slug")):
        counts[facet] = dict(by_skill.values_list(column).annotate(n=Count("participant_id", distinct=True)).order_by())
    by_mode = ParticipantSkill.objects.filter(participant__in=naive_matching(query, ignore=("mode",)))
    if values.get("skill"):
        by_mode = by_mode.filter(skill__slug=values["skill"])
    if values.get("category"):
        by_mode = by_mode.filter(skill__category__slug=values["category"])
    counts["mode"] = dict(by_mode.values_list("kind").annotate(n=Count("participant_id", distinct=True)).order_by())
    for facet, column in (("region", "country__region_id"), ("country", "country_id"), ("role", "role")):
        rows = naive_matching(query, ignore=(facet,)).values_list(column).annotate(n=Count("pk", distinct=True))
        counts[facet] = dict(rows.order_by())
    rows = SpokenLanguage.objects.filter(participant__in=naive_matching(query, ignore=("language",)))
    counts["language"] = dict(rows.values_list("language").annotate(n=Count("participant_id")).order_by())
    rows = Participant.affiliates.through.objects.filter(
        participant__in=naive_matching(query, ignore=("affiliate",)).filter(show_affiliation=True)
    )
    counts["affiliate"] = dict(rows.values_list("affiliate_id").annotate(n=Count("participant_id")).order_by())
    return counts


def measure(label, searches, page):
    page(queries.DirectoryQuery(text="wiki"))  # warm up caches and the connection
    durations, found = [], []
    for query in searches:
        started = time.perf_counter()
        count, query_count = page(query)
        durations.append((time.perf_counter() - started) * 1000)
        found.append(count)
    median, p95 = statistics.median(durations), statistics.quantiles(durations, n=20)[-1]
    print(  # noqa: T201 -- a benchmark prints its figures
        f"{label:28} median {median:7.1f} ms  p95 {p95:7.1f} ms  max {max(durations):7.1f} ms  "
        f"{query_count} queries/page  {statistics.median(found):6.0f} found (median)"
    )
    return durations, found


def main():
    call_command("migrate", "--noinput", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if seed.built():
        print(f"data already built: {Participant.objects.count():,} participants")  # noqa: T201
    else:
        started = time.perf_counter()
        _people, languages = seed.build_directory_people(repeatable_random())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(  # noqa: T201 -- a benchmark prints its figures
            f"built {seed.PARTICIPANTS:,} participants, {languages:,} spoken languages, "
            f"{ParticipantSkill.objects.count():,} skill links in {time.perf_counter() - started:.0f} s"
        )
    searches = seed.directory_searches(repeatable_random(), QUERIES)
    directory_index.forget_cached_searches()  # every search below runs in the database, none from an earlier run
    ours, found = measure("directory, ours", searches, our_page)
    slowest = sorted(zip(ours, searches, found, strict=True), key=lambda row: row[0], reverse=True)[:3]
    for duration, query, count in slowest:
        print(f"  slowest: {duration:6.1f} ms  {query.text!r} {query.values}  {count} found")  # noqa: T201
    measure("directory, ours, repeated", searches, our_page)  # the same 50 again: answered from the cache
    naive, naive_found = measure("directory, naive", searches, naive_page)
    print(  # noqa: T201 -- a benchmark prints its figures
        f"{'ours / naive':28} median {statistics.median(ours) / statistics.median(naive):7.2f}     "
        f"p95 {statistics.quantiles(ours, n=20)[-1] / statistics.quantiles(naive, n=20)[-1]:7.2f}     "
        f"(goal: p95 under 100 ms and under 1/3 of naive; naive finds what ours finds in "
        f"{sum(a == b for a, b in zip(found, naive_found, strict=True))} of {len(found)} searches)"
    )


if __name__ == "__main__":
    main()
