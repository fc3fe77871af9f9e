"""The benchmarks' data, built once per bench database and reused: people with their languages and skills (the
directory's), and four years of clinics, sharers and attendance (the impact page's). Import after
`benchdb.setup_django()`.
"""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from clinics.models import Attendance, Clinic, ClinicSharer, Topic
from participants.languages import language_codes
from participants.models import Affiliate, Country, HomeWiki, Participant, SpokenLanguage, User
from participants.search import normalise
from skills import queries, services
from skills.models import ParticipantSkill, Skill

PARTICIPANTS = 100_000
SKILL_LINKS_PER_PARTICIPANT = 10  # 35 skills, share or learn: about 1,000,000 links in all
BATCH_SIZE = 10_000
CLINICS = 2_500
# Per clinic held (about 2,350 of the 2,500; none in cancelled ones): about 1,000,000 attendance rows in all.
REGISTERED_PER_CLINIC = 340  # 800,000 rows of participants
UNREGISTERED_PER_CLINIC = 81  # 190,000 rows of people without an account, about 60,000 distinct
ANONYMOUS_PER_CLINIC = 4  # 10,000 rows left by deleted accounts
UNREGISTERED_PEOPLE = 60_000
PROGRAM_START = datetime(2022, 4, 21, 14, tzinfo=UTC)
UPCOMING_CLINICS = 24  # the next three months, as the program schedules them
GENDERS = {"woman": 38, "man": 34, "non-binary": 2, "not-listed": 1, "prefer-not": 5, "": 20}

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


def built():
    return Participant.objects.count() >= PARTICIPANTS


@transaction.atomic
def build_directory_people(rng):
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
    return people, len(languages)


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


@transaction.atomic
def build_impact_people(rng):
    """Participants over four years (the impact page's), then their program."""
    countries = list(Country.objects.filter(region__isnull=False).values_list("code", flat=True))
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
    build_program(rng, people)


def build_program(rng, people):
    """Home wikis and affiliates of the people, clinics every few days since the program started, sharers, and
    attendance (written in SQL)."""
    countries = list(Country.objects.filter(region__isnull=False).values_list("code", flat=True))
    affiliates = list(Affiliate.objects.values_list("pk", flat=True))
    editions = sorted(language_codes())
    now = timezone.now()
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


def add_upcoming_clinics(rng):
    """Clinics of the next three months, open for RSVPs: some with few places, so that waitlists form."""
    topics = list(Topic.objects.all())
    skills = list(Skill.objects.all())
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    clinics = Clinic.objects.bulk_create(
        Clinic(
            title=f"Upcoming bench clinic {n}",
            slug=f"upcoming-bench-clinic-{n}",
            topic=rng.choice(topics),
            purpose="Learn from each other, with time for questions.",
            language=rng.choice(["en", "en", "es", "fr", "ar", "pt", "sw"]),
            interpretation_languages=rng.sample(["es", "fr", "ar", "pt", "sw"], k=rng.randint(0, 2)),
            start=now + timedelta(days=3 + 90 * n / UPCOMING_CLINICS, hours=rng.randint(0, 12)),
            capacity=rng.choice([None, None, 40, 100, 300]),
            meeting_url="https://meet.example.org/bench",
            status=Clinic.Status.SCHEDULED,
        )
        for n in range(UPCOMING_CLINICS)
    )
    through = Clinic.skills.through
    through.objects.bulk_create(
        through(clinic=clinic, skill=skill) for clinic in clinics for skill in rng.sample(skills, k=rng.randint(1, 3))
    )
    people = list(Participant.objects.order_by("?").values_list("pk", flat=True)[: 2 * len(clinics)])
    ClinicSharer.objects.bulk_create(
        ClinicSharer(clinic=clinic, participant_id=person, position=0)
        for clinic, person in zip(clinics, people, strict=False)
    )


def assign_genders():
    """Genders for people built without one, in the proportions of build_impact_people (private: counted only)."""
    cases = " ".join(
        f"WHEN draw < {share:.4f} THEN '{gender}'"
        for gender, share in zip(GENDERS, _cumulative(GENDERS.values()), strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.7)")
        cursor.execute(
            f"UPDATE participants_participant SET gender = CASE {cases} ELSE '' END "  # noqa: S608 -- our constants
            "FROM (SELECT id, random() AS draw FROM participants_participant) draws "
            "WHERE draws.id = participants_participant.id"
        )


def _cumulative(weights):
    weights = list(weights)
    total, running, shares = sum(weights), 0, []
    for weight in weights:
        running += weight
        shares.append(running / total)
    return shares


@transaction.atomic
def build_site(rng):
    """Everything the whole site shows at once (the load benchmark): the directory's people, with genders, their
    program of clinics and attendance, and upcoming clinics to RSVP to."""
    people, _languages = build_directory_people(rng)
    assign_genders()
    build_program(rng, people)
    add_upcoming_clinics(rng)


def directory_searches(rng, count):
    """Searches people might make: one word (a piece of a skill name in some language, a name) and 2 facets."""
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
    for _number in range(count):
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


def activity_built():
    from activity.models import WikiAccount

    return WikiAccount.objects.count() >= PARTICIPANTS


def build_impact_activity(rng):
    """Every participant shares their on-wiki activity: an account read, and monthly edit counts on each of their
    home wikis from the month they registered (or January 2022) to last month, each month edited with a chance
    of their own (most people edit some months, a few every month): about 1.3 million rows. Then the first
    clinics and the activity after them, as the nightly run works them out."""
    from activity import summary
    from activity.models import MonthlyEdits, WikiAccount

    now = timezone.now()
    this_month = now.date().replace(day=1)
    wikis = {}
    for participant_id, project, language in HomeWiki.objects.values_list("participant_id", "project", "language"):
        wikis.setdefault(participant_id, []).append((project, language))
    accounts, counts = [], []
    for participant_id, created_at in Participant.objects.values_list("pk", "created_at").order_by("pk"):
        home = wikis.get(participant_id, [])
        complete = {
            (f"{language}.{project}" if language else project): this_month.isoformat() for project, language in home
        }
        accounts.append(
            WikiAccount(
                participant_id=participant_id,
                consented_at=now,
                username=f"Bench {participant_id}",
                central_id=participant_id,
                global_edit_count=rng.randrange(50_000),
                state=WikiAccount.State.READ,
                read_at=now,
                complete_until=complete,
            )
        )
        chance = rng.random() ** 2
        month = max(created_at.date().replace(day=1), date(2022, 1, 1))
        while month < this_month:
            for project, language in home:
                if rng.random() < chance:
                    counts.append(
                        MonthlyEdits(
                            participant_id=participant_id,
                            project=project,
                            language=language,
                            month=month,
                            edits=1 + int(rng.expovariate(1 / 40)),
                        )
                    )
            month = summary.add_months(month, 1)
        if len(counts) >= BATCH_SIZE * 5:
            MonthlyEdits.objects.bulk_create(counts, batch_size=BATCH_SIZE)
            counts = []
    MonthlyEdits.objects.bulk_create(counts, batch_size=BATCH_SIZE)
    WikiAccount.objects.bulk_create(accounts, batch_size=BATCH_SIZE)
    summary.refresh()
