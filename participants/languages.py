"""Languages people speak and the Wikimedia projects they edit, named in the reader's language (CLDR via Babel)."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Three-letter codes of languages with a Wikipedia edition that CLDR names; every two-letter
# ISO 639-1 language that CLDR names is offered as well.
WIKIPEDIA_LANGUAGES_3 = [
    "ace", "ary", "arz", "ast", "awa", "ban", "bho", "bjn", "bug", "ceb", "ckb", "doi", "ext", "fil", "fon",
    "gor", "gur", "hak", "ilo", "kab", "lus", "mad", "mag", "mai", "min", "mni", "nan", "new", "nia", "nso",
    "pam", "pap", "pcm", "quc", "sat", "shi", "tcy", "tum", "war", "yue", "zgh",
]  # fmt: skip


@lru_cache(maxsize=16)
def _cldr_names(language):
    try:
        return Locale.parse(language.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        return Locale("en").languages


@lru_cache(maxsize=1)
def language_codes():
    english = Locale("en").languages
    codes = {code for code in english if len(code) == 2} | {code for code in WIKIPEDIA_LANGUAGES_3 if code in english}
    return frozenset(codes)


def language_name(code, language=None):
    """The name of the language `code`, written in `language` (the active one by default)."""
    names = _cldr_names(language or get_language() or "en")
    return names.get(code) or Locale("en").languages.get(code) or code


@lru_cache(maxsize=16)
def _sorted_choices(language):
    choices = [(code, capfirst(language_name(code, language))) for code in language_codes()]
    return tuple(sorted(choices, key=lambda choice: choice[1].casefold()))


def language_choices():
    """(code, name) pairs sorted by name in the active language, for form fields."""
    return list(_sorted_choices(get_language() or "en"))


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
