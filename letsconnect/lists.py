"""Lists as the reader's language writes them (CLDR, through Babel): "Swahili, English, and French",
"السواحيلية والإنجليزية والفرنسية", "swahili, anglais et français"."""

from babel.lists import format_list as babel_format_list
from django.utils import translation

from letsconnect.dates import locale_for


def format_list(items, *, language=None):
    """`items` (strings) joined by the language's own words and punctuation; "" for none."""
    items = [str(item) for item in items]
    if not items:
        return ""
    return babel_format_list(items, locale=locale_for(language or translation.get_language() or "en"))
