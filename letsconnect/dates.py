"""Dates and times as the reader's language writes them (CLDR, through Babel), the same on pages, in emails, in
calendars and on certificates: a long date ("17 ديسمبر 2026"), a short time ("2:00 م"), and the two joined by the
language's own pattern ("17 ديسمبر 2026، 2:00 م")."""

import datetime
import functools
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from django.conf import settings
from django.utils import timezone, translation

DATE_WIDTH = "long"
TIME_WIDTH = "short"


@functools.cache
def locale_for(language):
    """Babel's locale for a Django language code (`pt`, `zh-hans`); English for a code CLDR does not know."""
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE)


def _locale(language):
    return locale_for(language or translation.get_language() or settings.LANGUAGE_CODE)


def _in_zone(value, time_zone):
    """An aware datetime moved to `time_zone` (a name or tzinfo; by default the active zone, as Django's `|date`
    does, so `{% timezone %}` and `timezone.override()` apply); dates and naive datetimes as they are."""
    if not isinstance(value, datetime.datetime) or timezone.is_naive(value):
        return value
    if isinstance(time_zone, str):
        time_zone = ZoneInfo(time_zone)
    return value.astimezone(time_zone or timezone.get_current_timezone())


def format_date(value, *, language=None, time_zone=None):
    """The date of `value` (a date or datetime): "December 17, 2026", "17 de diciembre de 2026", "17 ديسمبر 2026"."""
    if value is None or value == "":
        return ""
    return babel_dates.format_date(_in_zone(value, time_zone), DATE_WIDTH, locale=_locale(language))


def format_time(value, *, language=None, time_zone=None):
    """The time of day of `value`: "2:00 PM", "14:00", "2:00 م"."""
    if value is None or value == "":
        return ""
    return babel_dates.format_time(_in_zone(value, time_zone), TIME_WIDTH, locale=_locale(language))


def datetime_pattern(*, language=None):
    """How the language joins a date ({1}) and a time ({0}): "{1}, {0}", "{1}، {0}", "{1} {0}"."""
    return str(_locale(language).datetime_formats[DATE_WIDTH]).replace("'", "")


def format_datetime(value, *, language=None, time_zone=None):
    """Date and time of `value`: "December 17, 2026, 2:00 PM", "17 ديسمبر 2026، 2:00 م", "17 Desemba 2026 14:00"."""
    if value is None or value == "":
        return ""
    moment = _in_zone(value, time_zone)
    zone = moment.tzinfo if isinstance(moment, datetime.datetime) else None
    time = format_time(moment, language=language, time_zone=zone)
    date = format_date(moment, language=language, time_zone=zone)
    return datetime_pattern(language=language).replace("{0}", time).replace("{1}", date)


def format_skeleton(skeleton, value, *, language=None, time_zone=None):
    """`value` by a CLDR skeleton, for the shapes the three above do not cover ("yMMMM": "December 2026")."""
    if value is None or value == "":
        return ""
    return babel_dates.format_skeleton(skeleton, _in_zone(value, time_zone), locale=_locale(language))
