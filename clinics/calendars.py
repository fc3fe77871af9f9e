"""iCalendar files of clinics: one clinic, a participant's own feed, the public feed of upcoming clinics."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event

from . import scheduling
from .models import Clinic

logger = logging.getLogger(__name__)


def one_line(text):
    """`text` with its line breaks (saved before titles were checked) turned into spaces."""
    return " ".join(text.split())


def _uid(clinic):
    # Stable for the clinic's whole life, so that calendars update the event instead of adding one.
    return f"clinic-{clinic.pk}@{urlsplit(settings.SITE_URL).hostname or 'letsconnect'}"


def event(clinic):
    item = Event()
    item.add("uid", _uid(clinic))
    item.add("dtstamp", timezone.now())
    item.add("dtstart", clinic.start)
    item.add("dtend", clinic.end)
    item.add("summary", one_line(clinic.title))
    item.add("sequence", clinic.sequence)
    item.add("url", settings.SITE_URL + clinic.get_absolute_url())
    description = "\n\n".join(part for part in (clinic.purpose, settings.SITE_URL + clinic.get_absolute_url()) if part)
    item.add("description", description)
    item.add("status", "CANCELLED" if clinic.status == Clinic.Status.CANCELLED else "CONFIRMED")
    return item


def calendar(clinics, *, name, language=None):
    """An iCalendar document (bytes) holding `clinics`, with titles in `language`."""
    with translation.override(language or translation.get_language()):
        document = Calendar()
        document.add("prodid", "-//Let's Connect//Learning Clinics//EN")
        document.add("version", "2.0")
        document.add("x-wr-calname", one_line(name))
        if len(clinics) == 1 and clinics[0].status == Clinic.Status.CANCELLED:
            document.add("method", "CANCEL")
        for clinic in clinics:
            # One clinic saved before its dates were checked (a start in 9999) must not take the feed down.
            if not scheduling.fits_calendars(clinic.start, clinic.duration):
                logger.warning("Clinic %s left out of a calendar: its dates cannot be written", clinic.pk)
                continue
            try:
                document.add_component(event(clinic))
            except (ValueError, TypeError, OverflowError):
                logger.exception("Clinic %s left out of a calendar", clinic.pk)
        return document.to_ical()
