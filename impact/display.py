"""How a figure reads, in the active language: a localised number or percentage, or "fewer than 5"."""

from decimal import Decimal

from babel.numbers import format_percent
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, to_locale

from .report import MINIMUM_GROUP, Percentage


def _locale():
    return to_locale(get_language() or "en")


def number(value):
    # Django's own formats: ten times faster than Babel's, and a page shows hundreds of numbers.
    return number_format(value, force_grouping=True)


def shown(figure):
    """The text of a Figure or a Percentage."""
    if figure.suppressed:
        return gettext("fewer than %(minimum)s") % {"minimum": number(MINIMUM_GROUP)}
    if isinstance(figure, Percentage):
        return format_percent(Decimal(figure.percent) / 100, locale=_locale())
    return number(figure.value)


def csv_value(figure):
    """The value in a CSV cell: a plain integer (a percentage as its whole number), or "<5"."""
    if figure.suppressed:
        return f"<{MINIMUM_GROUP}"
    return figure.percent if isinstance(figure, Percentage) else figure.value
