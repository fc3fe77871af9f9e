"""The Skills Directory: search in every language, facets with counts, listed participants only, public fields only.

Every test runs twice: against the directory's PostgreSQL index, and against the plain search through the
profiles that SQLite (the development default) uses, so that both give the same answers.
"""

import pytest
from django.db import connection

from participants.models import Affiliate, Participant, SpokenLanguage
from participants.services import refresh_search_document
from skills import directory_index, queries
from skills.models import ParticipantSkill, Skill
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["index", "profiles"])
def search_engine(request, monkeypatch):
    if request.param == "profiles":
        monkeypatch.setattr(queries, "uses_directory_index", lambda: False)
    return request.param


def _counts(query):
    return queries.search(query)[1]


def _person(name, *, country="KE", shares=(), learns=(), languages=("en",), listed=True, **fields):
    participant = ParticipantFactory(display_name=name, country_id=country, listed=listed, **fields)
    for slug in shares:
        ParticipantSkill.objects.create(
            participant=participant, skill=Skill.objects.get(slug=slug), kind="share", level="expert"
        )
    for slug in learns:
        ParticipantSkill.objects.create(participant=participant, skill=Skill.objects.get(slug=slug), kind="learn")
    for code in languages:
        SpokenLanguage.objects.create(participant=participant, language=code)
    refresh_search_document(participant=participant)
    return participant


@pytest.fixture
def people():
    return {
        "neema": _person(
            "Neema Mwangi", country="TZ", shares=["fundraising-and-grant-writing"], languages=["sw", "en"]
        ),
        "camila": _person(
            "Camila Silva",
            country="BR",
            shares=["wikidata"],
            learns=["fundraising-and-grant-writing"],
            languages=["pt"],
        ),
        "omar": _person(
            "Omar Haddad", country="EG", learns=["wikidata"], languages=["ar", "fr"], role=Participant.Role.BOARD_MEMBER
        ),
        "hidden": _person("Hidden Fundraiser", country="KE", shares=["fundraising-and-grant-writing"], listed=False),
    }


def _names(response):
    return [participant.display_name for participant in response.context["participants"]]


def test_a_spanish_speaker_finds_fundraising_sharers_by_typing_recaudacion(client, people):
    sharers = client.get("/es/people/", {"q": "recaudación", "mode": "share"})
    learners = client.get("/es/people/", {"q": "recaudación", "mode": "learn"})
    anyone = client.get("/es/people/", {"q": "recaudación"})

    assert _names(sharers) == ["Neema Mwangi"]
    assert _names(learners) == ["Camila Silva"]
    assert sorted(_names(anyone)) == ["Camila Silva", "Neema Mwangi"]


def test_search_ignores_case_and_accents_and_matches_names_and_bios(client, people):
    _person("José Pérez", bio="Organiser of edit-a-thons in Bogotá")

    assert _names(client.get("/en/people/", {"q": "JOSE"})) == ["José Pérez"]
    assert _names(client.get("/en/people/", {"q": "bogota"})) == ["José Pérez"]


def test_percent_and_underscore_are_plain_characters_in_a_search(client, people):
    _person("Ana Lima", bio="100% volunteer, data_analyst")

    assert _names(client.get("/en/people/", {"q": "%"})) == ["Ana Lima"]
    assert _names(client.get("/en/people/", {"q": "a_a"})) == ["Ana Lima"]  # not "Omar Haddad"


def test_a_page_past_the_last_shows_the_last_page(client, people):
    for number in range(21):
        _person(f"Extra Person {number:02}", shares=["wikidata"])

    response = client.get("/en/people/", {"q": "wikidata", "page": "9"})

    assert response.context["page"].number == 2
    assert response.context["page"].paginator.count == 23
    assert len(response.context["participants"]) == 3


def test_a_card_shows_languages_most_fluent_first_and_shared_skills_in_the_taxonomys_order(client):
    participant = _person("Neema Mwangi", shares=["wikidata", "fundraising-and-grant-writing"], languages=[])
    SpokenLanguage.objects.create(participant=participant, language="en", level="3")
    SpokenLanguage.objects.create(participant=participant, language="sw", level="N")
    refresh_search_document(participant=participant)

    (card,) = client.get("/en/people/").context["participants"]

    assert card.language_names == ["Swahili", "English"]
    assert [skill.slug for skill in card.shared_skills] == ["fundraising-and-grant-writing", "wikidata"]


def test_a_name_match_ranks_before_a_skill_match(client, people):
    _person("Wikidata Wanjiru")

    names = _names(client.get("/en/people/", {"q": "wikidata"}))

    assert names[0] == "Wikidata Wanjiru"
    assert sorted(names[1:]) == ["Camila Silva", "Omar Haddad"]


def test_unlisted_participants_never_appear_in_results_or_counts(client, people):
    response = client.get("/en/people/", {"q": "fundraiser"})
    everyone = client.get("/en/people/")

    assert _names(response) == []
    assert "Hidden Fundraiser" not in everyone.content.decode()
    counts = _counts(queries.DirectoryQuery())
    assert counts["country"] == {"TZ": 1, "BR": 1, "EG": 1}


def test_facets_combine_and_count_with_the_other_facets_applied(people):
    query = queries.DirectoryQuery(values={"skill": "fundraising-and-grant-writing"})

    page, counts = queries.search(query)

    assert sorted(participant.display_name for participant in page.object_list) == [
        "Camila Silva",
        "Neema Mwangi",
    ]
    assert counts["mode"] == {"share": 1, "learn": 1}
    assert counts["region"] == {"SSA": 1, "LAC": 1}
    fundraising = Skill.objects.get(slug="fundraising-and-grant-writing")
    wikidata = Skill.objects.get(slug="wikidata")
    # The skill facet ignores its own value, so every skill still shows how many it would find.
    assert counts["skill"] == {fundraising.pk: 2, wikidata.pk: 2}
    assert counts["category"] == {"organisational": 2, "on-wiki": 2}
    assert counts["language"] == {"sw": 1, "en": 1, "pt": 1}


def test_region_language_and_role_filter_together(client, people):
    response = client.get("/en/people/", {"region": "MENA", "language": "fr", "role": "board-member"})

    assert _names(response) == ["Omar Haddad"]
    assert client.get("/en/people/", {"region": "MENA", "language": "sw"}).context["participants"] == []


def test_an_affiliate_finds_only_members_who_show_their_affiliation(client, people):
    affiliate = Affiliate.objects.create(name="Test Wikimedians User Group", kind="user_group", country_id="TZ")
    people["neema"].affiliates.add(affiliate)
    shy = _person("Shy Member", country="TZ", show_affiliation=False)
    shy.affiliates.add(affiliate)
    for participant in (people["neema"], shy):
        refresh_search_document(participant=participant)

    response = client.get("/en/people/", {"affiliate": affiliate.pk})

    assert _names(response) == ["Neema Mwangi"]
    assert _counts(queries.DirectoryQuery())["affiliate"] == {affiliate.pk: (affiliate.name, 1)}


def test_bad_filter_values_are_explained_in_the_users_language_and_ignored(client, people):
    response = client.get("/fr/people/", {"country": "ZZ", "skill": "nope", "q": "neema"})

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "country": ["Ce pays n'existe pas."],
        "skill": ["Cette compétence n'existe pas."],
    }
    assert "Ce pays n&#x27;existe pas." in page
    assert _names(response) == ["Neema Mwangi"]


def test_the_directory_shows_no_private_field(client, people):
    people["neema"].user.email = "neema-private@example.org"
    people["neema"].user.save()
    Participant.objects.filter(pk=people["neema"].pk).update(gender="woman", age_range="25-34")

    page = client.get("/en/people/").content.decode()

    assert "neema-private@example.org" not in page
    assert "Woman" not in page
    assert "25–34" not in page


def test_the_search_text_never_holds_email_gender_or_age(people):
    participant = people["neema"]
    participant.user.email = "secret@example.org"
    participant.user.save()
    participant.gender = "woman"
    participant.age_range = "25-34"
    participant.save()

    refresh_search_document(participant=participant)

    text = f"{participant.search_name} {participant.search_about}"
    assert "secret" not in text
    assert "woman" not in text
    assert client_free_of_private(text)


def client_free_of_private(text):
    return "25-34" not in text and "@" not in text


@pytest.mark.parametrize("count", [1, 3])
def test_the_directory_page_costs_the_same_queries_with_1_or_3_results(
    client, django_assert_max_num_queries, search_engine, count
):
    for number in range(count):
        _person(f"Person {number}", shares=["wikidata"], languages=["en", "fr"])

    with django_assert_max_num_queries(7 if search_engine == "index" else 15):
        response = client.get("/en/people/", {"q": "wikidata", "region": "SSA"})

    assert len(response.context["participants"]) == count


def test_no_directory_search_needs_a_sequential_scan_of_the_directory(people):
    """With sequential scans priced out, the plans show whether indexes can serve the searches at all.

    (With no word and a single facet, that facet's counts ignore it and count everyone listed: reading the
    whole table is the right plan there, and such searches are left out.)
    """
    searches = [
        ("recaudacion", {}),
        ("recaudacion", {"mode": "share", "region": "SSA"}),
        ("recaudacion", {"skill": "wikidata", "language": "sw"}),
        ("", {"country": "TZ", "language": "sw"}),
        ("", {"skill": "wikidata", "language": "sw"}),
    ]
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            for text, values in searches:
                query = queries.DirectoryQuery(text=text, values=values)
                sql, params = directory_index.statement(query, taxonomy=query.taxonomy, page_number=1, page_size=20)
                cursor.execute(f"EXPLAIN {sql}", params)
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        finally:
            cursor.execute("SET enable_seqscan = on")

    assert [("Seq Scan on skills_directoryentry" in plan) for plan in plans] == [False] * len(searches)
    assert "directoryentry_search_about_trgm" in plans[0]
    assert "directoryentry_skills_gin" in plans[0]
    assert "directoryentry_country_idx" in plans[3]
    assert "directoryentry_languages_gin" in plans[4]


def test_an_affiliate_number_past_the_database_range_is_explained_and_ignored(client, people):
    response = client.get("/en/people/", {"affiliate": "10000000000000000000", "q": "neema"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"affiliate": ["There is no such affiliate."]}
    assert _names(response) == ["Neema Mwangi"]
