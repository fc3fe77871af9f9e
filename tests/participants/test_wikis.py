"""The Wikimedia wikis as data: the site matrix snapshot, its refresh, and wikis named the way people write them."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from participants import wikis
from participants.wikis import UnknownWiki, site_matrix
from tests.factories import ParticipantFactory


@pytest.mark.parametrize(
    ("written", "project", "edition", "language"),
    [
        ("dag.wikipedia", "wikipedia", "dag", "dag"),
        ("simple.wikipedia", "wikipedia", "simple", "simple"),
        ("be-tarask.wikipedia", "wikipedia", "be-tarask", "be-tarask"),
        ("zh-yue.wikipedia", "wikipedia", "zh-yue", "yue"),
        ("bat-smg.wikipedia", "wikipedia", "bat-smg", "sgs"),
        ("https://sw.wiktionary.org/", "wiktionary", "sw", "sw"),
        ("www.wikidata.org", "wikidata", "", ""),
        ("commons.wikimedia", "commons", "", ""),
        ("species.wikimedia.org", "wikispecies", "", ""),
    ],
)
def test_a_wiki_is_found_however_people_write_it(written, project, edition, language):
    wiki = site_matrix().check(written)

    assert (wiki.project, wiki.edition, wiki.language) == (project, edition, language)


def test_closed_wikis_exist_and_are_marked_closed():
    assert site_matrix().check("aa.wikipedia").closed is True
    assert site_matrix().check("sw.wikipedia").closed is False


@pytest.mark.django_db
def test_a_profile_marks_a_closed_home_wiki_closed_in_the_readers_language(client):
    participant = ParticipantFactory(listed=True)
    participant.home_wikis.create(project="wikipedia", language="aa")
    participant.home_wikis.create(project="wikipedia", language="sw")

    english = client.get(participant.get_absolute_url()).content.decode()
    spanish = client.get(participant.get_absolute_url().replace("/en/", "/es/")).content.decode()

    assert "<li>Afar Wikipedia (closed)</li>" in english
    assert "<li>Swahili Wikipedia</li>" in english
    assert "<li>Wikipedia en Afar (wiki cerrado)</li>" in spanish


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("xx.wikipedia", 'there is no "xx" edition of wikipedia in the Wikimedia site matrix'),
        ("en.wikipedai", '"wikipedai" is not a Wikimedia project (did you mean "wikipedia"?)'),
        ("wikipedia", 'needs a language edition, e.g. "sw.wikipedia"'),
        ("fr.wikidata", 'wikidata has no language editions; write "wikidata"'),
    ],
)
def test_a_wiki_that_does_not_exist_is_refused_with_the_reason(written, reason):
    with pytest.raises(UnknownWiki) as error:
        site_matrix().check(written)

    assert str(error.value) == reason


def test_the_snapshot_holds_every_language_edition_of_every_project():
    counts = {project: len(site_matrix().editions(project)) for project in wikis.LANGUAGE_PROJECTS.values()}

    assert counts["wikipedia"] > 330
    assert counts["wiktionary"] > 180
    assert all(count > 10 for count in counts.values())


@pytest.fixture
def snapshot_copy(tmp_path, monkeypatch):
    copy = tmp_path / "sitematrix.json"
    copy.write_text(wikis.SNAPSHOT.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(wikis, "SNAPSHOT", copy)
    wikis.site_matrix.cache_clear()
    yield copy
    wikis.site_matrix.cache_clear()


def test_refreshing_from_a_saved_answer_replaces_the_snapshot_and_reports_the_changes(tmp_path, snapshot_copy):
    answer = json.loads(snapshot_copy.read_text(encoding="utf-8"))
    matrix = answer["sitematrix"]
    dag = next(entry for key, entry in matrix.items() if key.isdigit() and entry["code"] == "dag")
    dag["site"].append(
        {"url": "https://dag.wiktionary.org", "dbname": "dagwiktionary", "code": "wiktionary", "sitename": "W"}
    )
    ar = next(entry for key, entry in matrix.items() if key.isdigit() and entry["code"] == "ar")
    next(site for site in ar["site"] if site["code"] == "wikinews")["closed"] = ""
    saved = tmp_path / "answer.json"
    saved.write_text(json.dumps(answer), encoding="utf-8")
    stdout = io.StringIO()

    call_command("refresh_sitematrix", str(saved), stdout=stdout)

    lines = stdout.getvalue().splitlines()
    assert lines[:2] == ["new: dag.wiktionary", "closed: ar.wikinews"]
    assert lines[2].endswith(" closed) saved")
    assert site_matrix().check("dag.wiktionary").dbname == "dagwiktionary"
    assert json.loads(snapshot_copy.read_text(encoding="utf-8")) == answer


def test_an_answer_that_is_not_a_site_matrix_leaves_the_snapshot_alone(tmp_path, snapshot_copy):
    before = snapshot_copy.read_text(encoding="utf-8")
    saved = tmp_path / "answer.json"
    saved.write_text('{"error": {"code": "ratelimited"}}', encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("refresh_sitematrix", str(saved), stdout=io.StringIO())

    assert str(error.value) == (
        f"{saved} is not a site matrix: not an answer of action=sitematrix: it lacks sitematrix.specials"
    )
    assert snapshot_copy.read_text(encoding="utf-8") == before
