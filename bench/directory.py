"""Time the Skills Directory's queries on 100,000 participants and 1,000,000 skill links, against a naive search.

Run with `make bench`, or `.venv/bin/python bench/directory.py` alone. It uses its own PostgreSQL database
(DATABASE_URL if that is PostgreSQL, else `letsconnect_bench` on 127.0.0.1), builds the data the first time
(a few minutes) and reuses it afterwards.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/letsconnect_bench"
PARTICIPANTS = 100_000
SKILL_LINKS_PER_PARTICIPANT = 10  # 35 skills, share or learn: about 1,000,000 links in all
BATCH_SIZE = 10_000
QUERIES = 50
SEED = 42  # repeatable data and searches
PAGE_SIZE = 20  # as skills.views.DIRECTORY_PAGE_SIZE


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
django.setup()

from django.conf import settings  # noqa: E402 -- after django.setup()
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When, prefetch_related_objects  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from participants.models import Country, Participant, SpokenLanguage, User  # noqa: E402
from participants.search import normalise  # noqa: E402
from skills import directory_index, queries, services  # noqa: E402
from skills.models import ParticipantSkill, Skill  # noqa: E402

# Names as prose read best; one per line would fill two screens.
FIRST_NAMES = (  # noqa: SIM905
    "Amina Wanjiru Oluwaseun Chinedu Fatima José María João Ana Lucía Thandiwe Kwame Abena Ngozi Émilie François "
    "Zeynep Ayşe Priya Arjun Siti Nguyễn Olga Dmitri Kateryna Łukasz Søren Ingrid Mei Hiroshi Leila Youssef Mariam "
    "Omar Tendai Baraka Njeri Camila Mateo Gabriela محمد فاطمة عمر ليلى يوسف"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Okafor Mwangi Adeyemi Haddad García Pérez Silva Souza Ndiaye Diallo Mensah Kamau Otieno Benali Rahman Khan "
    "Kowalski Nowak Ivanova Yılmaz Nakamura Tanaka Dubois Lefèvre Müller Hansen Moyo Banda Mutua Achieng Gómez "
    "Rodríguez Santos Oliveira Chowdhury Sharma Wijaya Tran حداد منصور الحسيني العلي"
).split()
BIOS = [
    "Librarian and Wikipedian, organising edit-a-thons with university students.",
    "Bibliotecaria y editora de Wikipedia; me interesa la recaudación de fondos para nuestro capítulo.",
    "Bénévole sur Wikidata depuis 2015, j'aide les musées à ouvrir leurs collections.",
    "أحرر في ويكيبيديا العربية وأنظم مشاريع تعليمية في الجامعات.",
    "Professora e editora da Wikipédia em português, apaixonada por educação aberta.",
    "Mhariri wa Wikipedia ya Kiswahili na mratibu wa jumuiya ya wahariri.",
    "Board member of our user group; I write grant reports and mentor new organisers.",
    "Photographer uploading to Wikimedia Commons; Wiki Loves Monuments jury member.",
]
# Languages people speak, weighted roughly as the movement's registrations are.
SPOKEN = {"en": 40, "es": 12, "fr": 12, "ar": 8, "pt": 8, "sw": 5, "de": 4, "ru": 3, "hi": 3, "id": 2, "bn": 2}
SPOKEN |= {"zh": 2, "ur": 2, "it": 2, "tr": 1, "ja": 1, "yo": 1, "ha": 1, "uk": 1, "pl": 1}
LEVELS = [*"12345", "N", "N"]
EXAMPLE_WORDS = ["recaudacion", "wikidata", "benevol", "المشاريع"]


def repeatable_random():
    return random.Random(SEED)  # noqa: S311 -- the same data and searches every run; nothing secret


def built():
    return Participant.objects.count() >= PARTICIPANTS


@transaction.atomic
def build(rng):
    """100,000 people with languages and about a million skill links; search text filled in SQL."""
    countries = list(Country.objects.filter(region__isnull=False).values_list("code", flat=True))
    roles = [*Participant.Role.values, ""]
    now = timezone.now()
    unusable_password = make_password(None)  # nobody signs in to the bench data
    users, people = [], []
    for number in range(PARTICIPANTS):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        created = now - timedelta(days=rng.uniform(0, 1100))
        user = User(
            username=f"{normalise(first).replace(' ', '')}{number}",
            email=f"person{number}@bench.invalid",
            password=unusable_password,
            date_joined=created,
            last_login=created + (now - created) * rng.random() if rng.random() < 0.7 else None,
        )
        users.append(user)
        people.append(
            Participant(
                user=user,
                display_name=f"{first} {last}",
                wikimedia_username=f"{first}{last}".replace(" ", "") if rng.random() < 0.5 else "",
                country_id=rng.choice(countries),
                role=rng.choice(roles),
                bio=rng.choice(BIOS) if rng.random() < 0.3 else "",
                listed=rng.random() < 0.8,
                created_at=created,
            )
        )
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    Participant.objects.bulk_create(people, batch_size=BATCH_SIZE)
    languages = [
        SpokenLanguage(participant=person, language=language, level=rng.choice(LEVELS))
        for person in people
        for language in dict.fromkeys(rng.choices(list(SPOKEN), weights=list(SPOKEN.values()), k=rng.randint(1, 3)))
    ]
    SpokenLanguage.objects.bulk_create(languages, batch_size=BATCH_SIZE)
    with connection.cursor() as cursor:
        add_skill_links(cursor, rng, people)
        fill_search_text(cursor)
    services.refresh_directory_entries()
    return len(languages)


def add_skill_links(cursor, rng, people):
    """Each person shares or wants each skill with its own probability: popular skills are popular."""
    skill_ids = list(Skill.objects.values_list("pk", flat=True))
    popularity = {skill_id: (rng.uniform(0.3, 1.7), rng.uniform(0.3, 1.7)) for skill_id in skill_ids}
    scale = SKILL_LINKS_PER_PARTICIPANT / sum(share + learn for share, learn in popularity.values())
    cursor.execute("CREATE TEMP TABLE bench_skill_odds (skill_id bigint, kind text, odds float8) ON COMMIT DROP")
    odds = [
        (skill_id, kind, weight * scale)
        for skill_id, pair in popularity.items()
        for kind, weight in zip(("share", "learn"), pair, strict=True)
    ]
    cursor.executemany("INSERT INTO bench_skill_odds VALUES (%s, %s, %s)", odds)
    cursor.execute("SELECT setseed(0.42)")
    cursor.execute(
        """
        INSERT INTO skills_participantskill (participant_id, skill_id, kind, level, created_at)
        SELECT id, skill_id, kind,
               CASE kind WHEN 'share' THEN (ARRAY['some', 'experienced', 'expert'])[1 + floor(random() * 3)::int]
                         ELSE '' END,
               created_at
        -- random() in the subquery's select list: one draw per person and skill, not one per skill.
        FROM (
            SELECT p.id, p.created_at, o.skill_id, o.kind, o.odds, random() AS draw
            FROM participants_participant p
            JOIN unnest(%s::bigint[]) AS people(id) ON people.id = p.id
            CROSS JOIN bench_skill_odds o
        ) AS candidates
        WHERE draw < odds
        """,
        [[person.pk for person in people]],
    )


def fill_search_text(cursor):
    """The search columns for everyone, as participants.services.refresh_search_document writes them."""
    cursor.execute("CREATE TEMP TABLE bench_about (id bigint PRIMARY KEY, name text, about text) ON COMMIT DROP")
    # Read before COPY starts: the connection serves one statement at a time.
    about = list(Participant.objects.values_list("pk", "display_name", "user__username", "wikimedia_username", "bio"))
    with cursor.copy("COPY bench_about (id, name, about) FROM STDIN") as copy:
        for pk, display_name, username, wikimedia_username, bio in about:
            name = normalise(f"{display_name} {username} {wikimedia_username}")
            copy.write_row((pk, name, normalise(f"{name} {bio}")))
    cursor.execute("SET LOCAL work_mem = '256MB'")
    cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
    cursor.execute(
        """
        UPDATE participants_participant p
        SET search_name = a.name, search_about = a.about
        FROM bench_about a
        WHERE p.id = a.id
        """
    )


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


def directory_queries(rng):
    """50 searches people might make: one word (a piece of a skill name in some language, a name) and 2 facets."""
    skills = list(Skill.objects.values("slug", *[f"name_{code}" for code, _name in settings.LANGUAGES]))
    skill_words = {
        code: sorted({word for skill in skills for word in normalise(skill[f"name_{code}"]).split() if len(word) > 4})
        for code, _name in settings.LANGUAGES
    }
    countries_by_region = {}
    for code, region in Country.objects.filter(region__isnull=False).values_list("code", "region_id"):
        countries_by_region.setdefault(region, []).append(code)
    facet_values = {
        "region": sorted(countries_by_region),
        "country": sorted(code for codes in countries_by_region.values() for code in codes),
        "language": list(SPOKEN),
        "mode": ParticipantSkill.Kind.values,
        "skill": [skill["slug"] for skill in skills],
        "role": Participant.Role.values,
    }
    searches = []
    for _number in range(QUERIES):
        kind = rng.choice(["skill name", "skill name", "skill name", "example", "person"])
        if kind == "skill name":
            word = rng.choice(skill_words[rng.choice(list(skill_words))])
        elif kind == "example":
            word = rng.choice(EXAMPLE_WORDS)
        else:
            word = normalise(rng.choice(FIRST_NAMES + LAST_NAMES))[:4]
        values = {facet: rng.choice(facet_values[facet]) for facet in rng.sample(sorted(facet_values), 2)}
        if "region" in values and "country" in values:  # a country of that region, as a person would pick
            values["country"] = rng.choice(countries_by_region[values["region"]])
        searches.append(queries.DirectoryQuery(text=word, values=values))
    return searches


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
    if built():
        print(f"data already built: {Participant.objects.count():,} participants")  # noqa: T201
    else:
        started = time.perf_counter()
        languages = build(repeatable_random())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(  # noqa: T201 -- a benchmark prints its figures
            f"built {PARTICIPANTS:,} participants, {languages:,} spoken languages, "
            f"{ParticipantSkill.objects.count():,} skill links in {time.perf_counter() - started:.0f} s"
        )
    searches = directory_queries(repeatable_random())
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
