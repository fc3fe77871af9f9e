"""The directory's bitmap facet index gives exactly the answers of the direct computations, and follows every change.

The references: the plain search through the profiles (`skills.queries.results` and `facet_counts`, joins and
`icontains`-like conditions, what SQLite uses) and the single SQL statement over the directory rows
(`skills.directory_index`, what the directory uses when the cache is away).
"""

import random
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from letsconnect.cache import breaker
from participants.models import Affiliate, Country, Participant, SpokenLanguage
from participants.services import refresh_search_document
from skills import directory_index, facet_index, queries, services
from skills.models import DirectoryEntry, ParticipantSkill, Skill
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

FIRST = ["María", "José", "Neema", "Omar", "Камила", "محمد", "Ngozi", "Đặng", "Zoë", "Ana", "Wiki", "李"]
LAST = ["Silva", "Haddad", "Mwangi", "Иванова", "العلي", "Okafor", "Nguyễn", "Müller", "Da Costa", "Wikidata"]
BIOS = [
    "",
    "Recaudación de fondos y comunidad",
    "Archivist who loves Wikidata and Commons",
    "Bibliothécaire, édition et formation",
    "أحب البرمجة والتحرير",
    "Mhariri wa Wikipedia ya Kiswahili",
    "Edição de artigos sobre história",
    "100% volunteer_editor",
]
COUNTRIES = ["KE", "TZ", "BR", "EG", "FR", "DE", "IN", "", "AQ"]
LANGUAGES = ["en", "sw", "fr", "ar", "pt", "es", "de"]


def _population(rng, size):
    affiliates = [Affiliate.objects.create(name=name, kind="chapter") for name in ("Wikimedia Zeta", "Wikimedia Alpha")]
    skills = list(Skill.objects.all())
    people = []
    for _number in range(size):
        participant = ParticipantFactory(
            display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            bio=rng.choice(BIOS),
            country_id=rng.choice(COUNTRIES) or None,
            role=rng.choice([*Participant.Role.values, ""]),
            listed=rng.random() < 0.85,
            show_affiliation=rng.random() < 0.7,
            created_at=timezone.now() - timedelta(days=rng.randint(0, 3)),  # equal days: the id breaks ties
        )
        if rng.random() < 0.5:
            participant.user.last_login = timezone.now() - timedelta(hours=rng.randint(0, 100))
            participant.user.save(update_fields=["last_login"])
        for language in rng.sample(LANGUAGES, rng.randint(0, 3)):
            SpokenLanguage.objects.create(participant=participant, language=language, level=rng.choice(["1", "3", "5"]))
        chosen = rng.sample(skills, rng.randint(0, 6))
        for skill in chosen:
            for kind in rng.choice([["share"], ["learn"], ["share", "learn"]]):
                ParticipantSkill.objects.create(
                    participant=participant, skill=skill, kind=kind, level="expert" if kind == "share" else ""
                )
        participant.affiliates.set(rng.sample(affiliates, rng.randint(0, 2)))
        refresh_search_document(participant=participant)
        people.append(participant)
    services.refresh_directory_entries()
    return people


def _random_query(rng, people):
    skills = list(Skill.objects.select_related("category"))
    words = []
    for _number in range(rng.choice([0, 0, 1, 1, 1, 2])):
        source = rng.choice(
            [
                rng.choice(people).display_name,
                rng.choice(BIOS) or "wiki",
                getattr(rng.choice(skills), f"name_{rng.choice(['en', 'es', 'fr', 'ar', 'pt', 'sw'])}") or "data",
                rng.choice(["zz", "a", "%", "_", "wiki", "دة", "ción"]),
            ]
        )
        start = rng.randrange(max(len(source) - 2, 1))
        words.append(source[start : start + rng.randint(2, 6)])
    values = {}
    skill = rng.choice(skills)
    candidates = {
        "skill": skill.slug,
        "category": rng.choice([skill.category.slug, rng.choice(skills).category.slug]),
        "mode": rng.choice(["share", "learn"]),
        "region": Country.objects.get(code=rng.choice(["KE", "BR", "FR", "IN"])).region_id,
        "country": rng.choice(COUNTRIES[:-2]),
        "language": rng.choice(LANGUAGES),
        "role": rng.choice(Participant.Role.values),
        "affiliate": rng.choice(list(Affiliate.objects.values_list("pk", flat=True))),
    }
    for facet in rng.sample(list(candidates), rng.choice([0, 1, 1, 2, 2, 3, 4])):
        values[facet] = candidates[facet]
    return queries.DirectoryQuery(text=" ".join(words), values=values, skills=skills)


def _comparable(counts):
    return {facet: list(numbers.items()) if facet == "affiliate" else numbers for facet, numbers in counts.items()}


def test_on_random_people_and_searches_the_index_gives_the_direct_answers_exactly():
    rng = random.Random(23)  # noqa: S311 -- repeatable test data, nothing secret
    people = _population(rng, 70)
    index = facet_index.current()
    assert len(index.everyone) == DirectoryEntry.objects.count() > 40
    page_size = 4
    searches = found = 0
    for _number in range(160):
        query = _random_query(rng, people)
        page_number = rng.choice([1, 1, 2, 3, 50])
        ours = facet_index.search(index, query, taxonomy=query.taxonomy, page_number=page_number, page_size=page_size)
        statement = directory_index.search(query, taxonomy=query.taxonomy, page_number=page_number, page_size=page_size)
        ranked = list(queries.results(query))
        naive_counts = queries.facet_counts(query)
        last_page = max(-(-len(ranked) // page_size), 1)
        start = (min(page_number, last_page) - 1) * page_size
        described = (query.text, query.values, page_number)

        assert (ours.total, ours.page_number, ours.ids) == (statement.total, statement.page_number, statement.ids)
        assert _comparable(ours.counts) == _comparable(statement.counts), described
        assert ours.total == len(ranked), described
        assert ours.ids == [person.pk for person in ranked[start : start + page_size]], described
        for facet in ("skill", "category", "mode", "region", "country", "language", "role"):
            assert ours.counts[facet] == {value: n for value, n in naive_counts[facet].items() if n}, described
        assert list(ours.counts["affiliate"].items()) == list(naive_counts["affiliate"].items()), described
        searches += 1
        found += bool(ours.total)
    assert found > searches // 3  # the searches found people, not only nobody


def _find(**values):
    text = values.pop("q", "")
    page, counts = queries.search(queries.DirectoryQuery(text=text, values=values), page_size=20)
    return [person.display_name for person in page.object_list], counts


def _person(name, **fields):
    participant = ParticipantFactory(display_name=name, **fields)
    refresh_search_document(participant=participant)
    return participant


def test_an_entry_change_is_found_at_once_by_patching_the_index():
    neema = _person("Neema Mwangi", country_id="TZ")
    _person("Omar Haddad", country_id="EG")
    wikidata = Skill.objects.get(slug="wikidata")
    assert _find(q="wikidata") == ([], _find(q="wikidata")[1])
    index = facet_index.current()

    services.set_participant_skills(participant=neema, shares={wikidata: "expert"}, learns=set())

    names, counts = _find(q="wikidata", mode="share")
    assert names == ["Neema Mwangi"]
    assert counts["country"] == {"TZ": 1}
    assert counts["skill"] == {wikidata.pk: 1}
    assert facet_index.current() is index  # patched, not built again
    assert index.sequence == int(cache.get(facet_index.key(facet_index.SEQUENCE_KEY)))


def test_signing_in_moves_a_person_first_at_once(client):
    first = _person("Alpha Person")
    second = _person("Beta Person")
    for person, hours in ((first, 1), (second, 30)):
        person.user.last_login = timezone.now() - timedelta(hours=hours)
        person.user.save(update_fields=["last_login"])
    services.refresh_directory_entries(participant_ids=[first.pk, second.pk])
    assert _find(q="person")[0] == ["Alpha Person", "Beta Person"]

    client.force_login(second.user)

    assert _find(q="person")[0] == ["Beta Person", "Alpha Person"]


def test_unlisting_and_erasing_leave_the_index_at_once():
    neema = _person("Neema Mwangi")
    omar = _person("Omar Haddad")
    assert _find(q="a")[0] == ["Omar Haddad", "Neema Mwangi"]

    neema.listed = False
    neema.save(update_fields=["listed"])
    services.refresh_directory_entries(participant_ids=[neema.pk])
    services.remove_directory_entry(participant_id=omar.pk)

    names, counts = _find(q="a")
    assert names == []
    assert counts["country"] == {}


def test_a_change_made_by_another_process_is_applied_from_the_log():
    neema = _person("Neema Mwangi", country_id="TZ")
    index = facet_index.current()
    # Another process changed the row and logged it: this process has not seen the change.
    DirectoryEntry.objects.filter(participant=neema).update(country="KE")
    facet_index._log([neema.pk])

    assert _find(country="KE")[0] == ["Neema Mwangi"]
    assert facet_index.current() is index


def test_a_lost_log_entry_rebuilds_the_index_instead_of_missing_a_change():
    neema = _person("Neema Mwangi", country_id="TZ")
    index = facet_index.current()
    DirectoryEntry.objects.filter(participant=neema).update(country="KE")
    for _number in range(facet_index.LOST_AFTER + 1):
        facet_index._log([neema.pk])
    cache.delete(facet_index.key(facet_index.CHANGE_KEY, number=index.sequence + 1))

    assert _find(country="KE")[0] == ["Neema Mwangi"]
    assert facet_index.current() is not index


def test_a_countrys_new_region_is_counted_at_once():
    _person("Neema Mwangi", country_id="TZ")
    assert _find()[1]["region"] == {"SSA": 1}
    tanzania = Country.objects.get(code="TZ")
    tanzania.region_id = Country.objects.get(code="FR").region_id
    tanzania.save()

    assert _find()[1]["region"] == {tanzania.region_id: 1}


def test_a_new_process_loads_the_snapshot_without_reading_the_directory(django_assert_num_queries):
    _person("Neema Mwangi", country_id="TZ")
    with django_assert_num_queries(2):  # the rows and the countries' regions
        built = facet_index.current()
    facet_index.forget()

    with django_assert_num_queries(0):
        loaded = facet_index.current()

    assert loaded is not built
    assert loaded.everyone == built.everyone
    assert loaded.bitmaps == built.bitmaps
    assert _find(q="neema")[0] == ["Neema Mwangi"]


def test_a_flushed_cache_makes_every_process_load_its_index_again():
    _person("Neema Mwangi")
    index = facet_index.current()
    cache.clear()
    _person("Omar Haddad")  # logged under the new counter, from 1 again

    assert facet_index.current() is not index
    assert sorted(_find()[0]) == ["Neema Mwangi", "Omar Haddad"]


def test_without_the_cache_the_directory_searches_the_database(monkeypatch):
    _person("Neema Mwangi")
    monkeypatch.setattr(breaker, "open_until", float("inf"))

    assert facet_index.current() is None
    assert _find(q="neema")[0] == ["Neema Mwangi"]


def test_a_page_costs_no_query_for_the_facets_once_the_index_is_loaded(client, django_assert_max_num_queries):
    for number in range(30):
        _person(f"Person {number}", country_id="KE")
    client.get("/en/people/")  # loads the index
    # The taxonomy (skills, regions), then the page's 20 participants; nothing per facet or per person.
    with django_assert_max_num_queries(3):
        response = client.get("/en/people/", {"q": "person", "region": "SSA", "page": "2"})
    assert len(response.context["participants"]) == 10


def test_while_another_process_builds_the_index_the_database_answers():
    _person("Neema Mwangi", country_id="TZ")
    cache.add(facet_index.key(facet_index.BUILD_LOCK_KEY), True, 60)  # another process is building it

    assert facet_index.current() is None
    assert _find(q="neema") == (["Neema Mwangi"], _find(q="neema")[1])
    assert _find(q="neema")[1]["country"] == {"TZ": 1}

    cache.delete(facet_index.key(facet_index.BUILD_LOCK_KEY))
    assert facet_index.current() is not None


def test_a_new_name_is_found_at_once_and_the_old_one_no_more():
    neema = _person("Neema Mwangi")
    _person("Omar Haddad")
    assert _find(q="neema")[0] == ["Neema Mwangi"]  # the texts are joined for scanning, and "neema" is kept
    assert _find(q="zawadi")[0] == []

    neema.display_name = "Zawadi Mwangi"
    neema.save(update_fields=["display_name"])
    refresh_search_document(participant=neema)

    assert _find(q="neema")[0] == []
    assert _find(q="zawadi")[0] == ["Zawadi Mwangi"]
    assert _find(q="wadi mw")[0] == ["Zawadi Mwangi"]  # a word not asked before: scanned, then tested one by one
    assert _find(q="mwangi")[0] == ["Zawadi Mwangi"]
