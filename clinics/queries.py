"""Reads about clinics shared by pages and the admin: registration counts, who is told of a change, names."""

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import get_language

from letsconnect.lists import format_list
from participants.languages import language_name_in_a_sentence

from . import reminders
from .models import Registration

# Who hears about a change to the clinic itself: everyone holding a place or waiting for one, and its sharers.
NOTIFIED = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)


def registration_counts(clinic):
    """{status: count} of the clinic's registrations, in one query."""
    rows = clinic.registrations.values_list("status").annotate(total=Count("pk")).order_by()
    return dict(rows)


def people_to_tell(clinic):
    """Whom a change to `clinic` concerns, each once: `(registration_ids, sharer_ids)`.

    Everyone registered or waitlisted, by registration; the participants who share at the clinic without a
    registration of their own, by their share. Guests who share without a profile have no language or address
    to be written to here: the liaison who invited them tells them."""
    registrations = list(
        clinic.registrations.filter(status__in=NOTIFIED).values_list("pk", "participant_id").order_by("pk")
    )
    registered_people = {participant_id for _pk, participant_id in registrations}
    sharers = [
        pk
        for pk, participant_id in clinic.sharers.filter(participant__isnull=False)
        .values_list("pk", "participant_id")
        .order_by("pk")
        if participant_id not in registered_people
    ]
    return [pk for pk, _participant_id in registrations], sharers


def count_people_to_tell(clinic):
    registrations, sharers = people_to_tell(clinic)
    return len(registrations) + len(sharers)


def interpretation_into(codes):
    """The languages `codes` named and listed in the current language (CLDR): "Spanish and French"."""
    language = get_language() or settings.LANGUAGE_CODE
    return format_list([language_name_in_a_sentence(code, language) for code in codes], language=language)


def reminder_lead_times():
    """How long before the start the reminders come ("1 day", "1 hour"), in the current language."""
    now = timezone.now()
    return [timesince(now - lead, now) for lead in (reminders.DAY_BEFORE, reminders.HOUR_BEFORE)]
