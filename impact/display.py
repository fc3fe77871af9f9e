"""How a figure reads, in the active language: a localised number or percentage, or "fewer than 5"."""

from decimal import Decimal

from babel.numbers import format_decimal, format_percent
from django.utils.translation import get_language, gettext, to_locale

from .report import MINIMUM_GROUP, Percentage


def _locale():
    return to_locale(get_language() or "en")


def number(value):
    return format_decimal(value, locale=_locale())


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
