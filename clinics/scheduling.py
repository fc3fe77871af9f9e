"""What a clinic's time and title may be: the checks that the admin, the public forms, the imports and the calendar
feeds share, and the IANA time zones a clinic is planned in."""

import zoneinfo
from datetime import UTC, timedelta
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

# Dates a person can mean: beyond them a typo (0000, 9999) breaks the conversion to UTC or a calendar's end time.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Longer than any session of the program (a Learning Clinic lasts about two hours, a Connectathon a working day).
MAX_DURATION_MINUTES = 12 * 60
# Every character that starts a new line somewhere (calendars, email subjects, CSV cells).
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@lru_cache(maxsize=1)
def time_zone_names():
    return frozenset(zoneinfo.available_timezones())


@lru_cache(maxsize=1)
def time_zone_choices():
    """The IANA time zones, sorted, for a select."""
    return [(name, name.replace("_", " ")) for name in sorted(time_zone_names())]


def zone_or_utc(name):
    """The zone `name`, or UTC when the stored name is not an IANA zone (data from before this check)."""
    return zoneinfo.ZoneInfo(name) if name in time_zone_names() else UTC


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone: choose one from the list."),
            code="invalid_time_zone",
            params={"value": value},
        )


def validate_year(value):
    """A year, date or datetime between FIRST_YEAR and LAST_YEAR."""
    year = value if isinstance(value, int) else value.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Choose a date between the years %(first)s and %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def validate_duration(value):
    if value <= timedelta(0):
        raise ValidationError(
            _("A clinic must end after it starts: give it a duration longer than zero."), code="ends_before_start"
        )
    if value > timedelta(minutes=MAX_DURATION_MINUTES):
        raise ValidationError(
            _("A clinic lasts at most %(limit)s minutes (12 hours)."),
            code="too_long",
            params={"limit": MAX_DURATION_MINUTES},
        )


def validate_single_line(value):
    if any(character in LINE_BREAKS for character in value):
        raise ValidationError(_("Write the title on one line."), code="multi_line")


def wall_clock_to_utc(wall_clock, zone_name):
    """The UTC instant of the naive `wall_clock` read in `zone_name`; a ValidationError for a time the clocks skip."""
    zone = zoneinfo.ZoneInfo(zone_name)
    instant = wall_clock.replace(tzinfo=zone).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall_clock:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s that day: the clocks go forward. Choose another time."),
            code="skipped_time",
            params={"time": f"{wall_clock:%H:%M}", "zone": zone_name},
        )
    return instant


def utc_to_wall_clock(instant, zone_name):
    """The naive local time of `instant` in `zone_name` (UTC when the name is unknown)."""
    return instant.astimezone(zone_or_utc(zone_name)).replace(tzinfo=None)


def fits_calendars(start, duration):
    """Whether an event at `start` lasting `duration` can be written (its end is a real date)."""
    try:
        return start.year >= FIRST_YEAR and (start + duration).year <= LAST_YEAR
    except OverflowError:
        return False


class TimeZoneSelect(forms.Select):
    """A select of the ~600 IANA zones written out in Python: through the template engine, one template include per
    option, they were most of a clinic admin page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((code, " selected" if str(code) in chosen else "", label) for code, label in self.choices),
        )
        return format_html(
            "<select{}>{}</select>", flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})), options
        )
