"""How a figure reads, in the active language: a localised number or percentage, "fewer than 5", or "not shown"
(withheld so that a small figure cannot be worked out, see disclosure.py)."""

from decimal import Decimal

from babel.numbers import format_percent
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, to_locale

from .report import MINIMUM_GROUP, Percentage

WITHHELD_IN_CSV = "[c]"


def _locale():
    return to_locale(get_language() or "en")


def number(value):
    # Django's own formats: ten times faster than Babel's, and a page shows hundreds of numbers.
    return number_format(value, force_grouping=True)


def shown(figure):
    """The text of a Figure or a Percentage."""
    if figure.small:
        return gettext("fewer than %(minimum)s") % {"minimum": number(MINIMUM_GROUP)}
    if figure.withheld:
        return gettext("not shown")
    if isinstance(figure, Percentage):
        if figure.empty:
            return "–"
        return format_percent(Decimal(figure.percent) / 100, locale=_locale())
    return number(figure.value)


def csv_value(figure):
    """The value in a CSV cell: a plain integer (a percentage as its whole number), "<5" for a small figure, "[c]"
    for one withheld (confidential), empty for a percentage of nothing."""
    if figure.small:
        return f"<{MINIMUM_GROUP}"
    if figure.withheld:
        return WITHHELD_IN_CSV
    if isinstance(figure, Percentage) and figure.empty:
        return ""
    return figure.percent if isinstance(figure, Percentage) else figure.value
