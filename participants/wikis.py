"""Every Wikimedia wiki, read from the site matrix snapshot in `participants/data/sitematrix.json`.

The snapshot is Meta-Wiki's answer to `api.php?action=sitematrix&format=json`, kept as it came;
`manage.py refresh_sitematrix FILE` replaces it with a newer saved answer. A wiki is named the way people write
it: `dag.wikipedia`, `zh-yue.wikipedia`, `be-tarask.wikipedia`, or `wikidata` for the multilingual ones. Its
edition (`zh-yue`) is the wiki's host name and can differ from its content language (`yue`), which the matrix
gives too.
"""

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "data" / "sitematrix.json"

# The matrix's site codes of the language projects, as the project names the rest of the site uses.
LANGUAGE_PROJECTS = {
    "wiki": "wikipedia",
    "wiktionary": "wiktionary",
    "wikisource": "wikisource",
    "wikibooks": "wikibooks",
    "wikiquote": "wikiquote",
    "wikivoyage": "wikivoyage",
    "wikinews": "wikinews",
    "wikiversity": "wikiversity",
}
# The multilingual wikis people edit, by the matrix's code of their "special" entry.
MULTILINGUAL_PROJECTS = {
    "wikidata": "wikidata",
    "commons": "commons",
    "species": "wikispecies",
    "wikifunctions": "wikifunctions",
    "meta": "meta",
    "mediawiki": "mediawiki",
    "incubator": "incubator",
}
_HOST_SUFFIX = re.compile(r"^(?:https?://)?(?P<name>[^/]+?)(?:\.org)?/*$", re.IGNORECASE)


class UnknownWiki(ValueError):
    """A wiki that is not in the site matrix; its message says why, in English (for import reports)."""


@dataclass(frozen=True)
class Wiki:
    project: str  # wikipedia, wiktionary, ..., wikidata, commons
    edition: str  # zh-yue; empty for the multilingual wikis
    language: str  # the content language, yue; empty for the multilingual wikis
    dbname: str
    url: str
    closed: bool
    direction: str = "ltr"

    @property
    def code(self):
        return f"{self.edition}.{self.project}" if self.edition else self.project


@dataclass(frozen=True)
class MatrixLanguage:
    """One language of the matrix: its code, its name in itself (MediaWiki's), its English name and direction."""

    code: str
    autonym: str
    english_name: str
    direction: str


@dataclass(frozen=True)
class SiteMatrix:
    wikis: dict  # (project, edition) -> Wiki
    languages: dict  # language code -> MatrixLanguage (only those with at least one wiki)
    edition_languages: dict  # edition -> content language code

    def get(self, project, edition=""):
        return self.wikis.get((project, edition))

    def editions(self, project=None):
        """The language editions of one project (or of every project), sorted by code."""
        return sorted({edition for (name, edition) in self.wikis if edition and project in (None, name)})

    def check(self, code):
        """The Wiki written `code` (`sw.wikipedia`, `wikidata`, `https://dag.wikipedia.org`), or UnknownWiki."""
        match = _HOST_SUFFIX.match(code.strip())
        name = (match["name"] if match else code).lower()
        edition, _dot, project = name.rpartition(".")
        if edition == "www":  # www.wikidata.org
            edition = ""
        projects = set(LANGUAGE_PROJECTS.values()) | set(MULTILINGUAL_PROJECTS.values())
        if project == "wikimedia" and edition in MULTILINGUAL_PROJECTS:  # commons.wikimedia
            project, edition = MULTILINGUAL_PROJECTS[edition], ""
        if project not in projects:
            guess = difflib.get_close_matches(project, sorted(projects), n=1)
            hint = f' (did you mean "{guess[0]}"?)' if guess else ""
            raise UnknownWiki(f'"{project}" is not a Wikimedia project{hint}')
        if project in MULTILINGUAL_PROJECTS.values():
            if edition:
                raise UnknownWiki(f'{project} has no language editions; write "{project}"')
            return self.wikis[(project, "")]
        if not edition:
            raise UnknownWiki(f'needs a language edition, e.g. "sw.{project}"')
        wiki = self.wikis.get((project, edition))
        if wiki is None:
            elsewhere = [name for (name, known) in self.wikis if known == edition]
            where = f'; "{edition}" has: {", ".join(sorted(elsewhere))}' if elsewhere else ""
            raise UnknownWiki(f'there is no "{edition}" edition of {project} in the Wikimedia site matrix{where}')
        return wiki


def parse(answer):
    """A SiteMatrix from a decoded `action=sitematrix` answer; ValueError when it is not one."""
    try:
        matrix = answer["sitematrix"]
        entries = [matrix[key] for key in matrix if key.isdigit()]
        specials = matrix["specials"]
    except (KeyError, TypeError, AttributeError):
        raise ValueError("not an answer of action=sitematrix: it lacks sitematrix.specials") from None
    wikis, languages, edition_languages = {}, {}, {}
    for entry in entries:
        sites = [site for site in entry.get("site", []) if site.get("code") in LANGUAGE_PROJECTS]
        for site in sites:
            edition = site["url"].split("//", 1)[-1].split(".", 1)[0]
            project = LANGUAGE_PROJECTS[site["code"]]
            wikis[(project, edition)] = Wiki(
                project=project,
                edition=edition,
                language=entry["code"],
                dbname=site["dbname"],
                url=site["url"],
                closed="closed" in site,
                direction=entry.get("dir", "ltr"),
            )
            edition_languages[edition] = entry["code"]
        if sites:
            languages[entry["code"]] = MatrixLanguage(
                code=entry["code"],
                autonym=(entry.get("name") or "").strip(),
                english_name=(entry.get("localname") or "").strip(),
                direction=entry.get("dir", "ltr"),
            )
    for site in specials:
        project = MULTILINGUAL_PROJECTS.get(site.get("code"))
        if project and "private" not in site:
            wikis[(project, "")] = Wiki(
                project=project,
                edition="",
                language="",
                dbname=site["dbname"],
                url=site["url"],
                closed="closed" in site,
            )
    missing = set(MULTILINGUAL_PROJECTS.values()) - {project for (project, edition) in wikis if not edition}
    if not entries or missing:
        raise ValueError(f"the answer lacks language wikis or the wikis {', '.join(sorted(missing))}")
    return SiteMatrix(wikis=wikis, languages=languages, edition_languages=edition_languages)


@cache
def site_matrix():
    """The snapshot shipped in the repository, read once per process."""
    return parse(json.loads(SNAPSHOT.read_text(encoding="utf-8")))
