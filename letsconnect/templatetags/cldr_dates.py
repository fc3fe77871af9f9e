"""Template filters for dates and times by CLDR (`letsconnect.dates`), in the active language and time zone:
`{{ clinic.start|cldr_datetime }}`, `{{ certificate.issued_at|cldr_date }}`. Like Django's `|date` they take the
value in the template's zone (`{% timezone zone %}`, `|utc`, `{% localtime off %}` all apply)."""

import datetime

from django import template

from letsconnect import dates

register = template.Library()


def _zone(value):
    # expects_localtime: Django has already moved an aware value to the template's zone; keep it there.
    return value.tzinfo if isinstance(value, datetime.datetime) else None


@register.filter(expects_localtime=True)
def cldr_date(value):
    return dates.format_date(value, time_zone=_zone(value))


@register.filter(expects_localtime=True)
def cldr_time(value):
    return dates.format_time(value, time_zone=_zone(value))


@register.filter(expects_localtime=True)
def cldr_datetime(value):
    return dates.format_datetime(value, time_zone=_zone(value))


@register.simple_tag
def cldr_datetime_pattern():
    """The language's way of joining a date ({1}) and a time ({0}), for the script that writes local times."""
    return dates.datetime_pattern()
