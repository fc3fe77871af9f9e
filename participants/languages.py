"""Languages people speak and the Wikimedia projects they edit, named in the reader's language (CLDR via Babel)."""

import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .wikis import site_matrix

SPOKEN_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
NOT_LANGUAGES = frozenset({"mis", "mul", "und", "zxx"})


@dataclass(frozen=True)
class LanguageName:
    """A language's name, and the language and direction it is written in (not always the reader's)."""

    text: str
    lang: str
    direction: str

    def __str__(self):
        return self.text


@lru_cache(maxsize=16)
def _cldr_names(language):
    try:
        return Locale.parse(language.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        return {}


@lru_cache(maxsize=1)
def language_codes():
    """The languages people can say they speak: every two-letter language CLDR names, and the language of every
    wiki in the Wikimedia site matrix."""
    english = _cldr_names("en")
    cldr = {code for code in english if len(code) == 2 and code.isalpha()}
    wikis = {code for code in site_matrix().languages if SPOKEN_CODE.fullmatch(code)}
    return frozenset((cldr | wikis) - NOT_LANGUAGES)


def _direction(code):
    known = site_matrix().languages.get(code)
    if known is not None:
        return known.direction
    try:
        return "rtl" if Locale.parse(code.replace("-", "_")).character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def language_label(code, language=None):
    """The name of the language (or wiki edition) `code` for a reader of `language` (the active one by default).

    CLDR's name in the reader's language first; then MediaWiki's English name for an English reader; then the
    language's own name (its autonym, from the site matrix or CLDR), written in that language; English last.
    """
    return _language_label(code, (language or get_language() or "en").split("-")[0])


@lru_cache(maxsize=4096)
def _language_label(code, language):
    matrix = site_matrix()
    code = matrix.edition_languages.get(code, code)
    known = matrix.languages.get(code)
    reader = _cldr_names(language).get(code.replace("-", "_"))
    if reader:
        return LanguageName(capfirst(reader), language, _direction(language))
    if language == "en" and known and known.english_name:
        return LanguageName(capfirst(known.english_name), "en", "ltr")
    autonym = known.autonym if known else _cldr_names(code).get(code.replace("-", "_"))
    if autonym:
        return LanguageName(capfirst(autonym), code, _direction(code))
    english = _cldr_names("en").get(code) or (known.english_name if known else "")
    if english:
        return LanguageName(capfirst(english), "en", "ltr")
    return LanguageName(code, "", "ltr")


def language_name(code, language=None):
    """The name of the language (or wiki edition) `code`, as text; see `language_label`."""
    return language_label(code, language).text


def language_name_in_a_sentence(code, language=None):
    """The name as it is written inside a sentence: CLDR's own case ("espagnol" in French, where lists and menus
    show "Espagnol"); otherwise as `language_name`."""
    reader = (language or get_language() or "en").split("-")[0]
    code = site_matrix().edition_languages.get(code, code)
    return _cldr_names(reader).get(code.replace("-", "_")) or language_name(code, reader)


@lru_cache(maxsize=16)
def _sorted_choices(language):
    choices = [(code, language_name(code, language)) for code in language_codes()]
    return tuple(sorted(choices, key=lambda choice: choice[1].casefold()))


def language_choices():
    """(code, name) pairs sorted by name in the active language, for form fields."""
    return list(_sorted_choices(get_language() or "en"))


@lru_cache(maxsize=16)
def _edition_choices(language):
    # Translators: a language edition of a wiki in a list, e.g. "Cantonese (zh-yue)".
    label = gettext("%(language)s (%(edition)s)")
    choices = [
        (edition, label % {"language": language_name(edition, language), "edition": edition})
        for edition in site_matrix().editions()
    ]
    return tuple(sorted(choices, key=lambda choice: choice[1].casefold()))


def edition_choices():
    """(edition, name) pairs of every language edition in the site matrix, sorted by name in the active language."""
    return list(_edition_choices(get_language() or "en"))


class WikimediaProject:
    """The Wikimedia projects; the multilingual ones have no language edition."""

    CHOICES = [
        ("wikipedia", _("Wikipedia")),
        ("wiktionary", _("Wiktionary")),
        ("wikisource", _("Wikisource")),
        ("wikibooks", _("Wikibooks")),
        ("wikiquote", _("Wikiquote")),
        ("wikivoyage", _("Wikivoyage")),
        ("wikinews", _("Wikinews")),
        ("wikiversity", _("Wikiversity")),
        ("wikidata", _("Wikidata")),
        ("commons", _("Wikimedia Commons")),
        ("wikispecies", _("Wikispecies")),
        ("wikifunctions", _("Wikifunctions")),
        ("meta", _("Meta-Wiki")),
        ("mediawiki", _("MediaWiki.org")),
        ("incubator", _("Wikimedia Incubator")),
    ]
    MULTILINGUAL = frozenset({"wikidata", "commons", "wikispecies", "wikifunctions", "meta", "mediawiki", "incubator"})
