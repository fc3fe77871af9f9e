"""The slot finder: which UTC start hours on a date suit a clinic's likely audience best.

The audience is everyone who wants to learn the skill and speaks the clinic's language or one of its interpretation
languages, plus those already registered for the clinic. A start hour suits a person when the whole session falls
between 08:00 and 21:00 on their clock that day, daylight saving time applied. People without a time zone (or with a
zone that is not an IANA name) cannot be placed and are counted apart."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from participants.models import Participant, Region, SpokenLanguage
from skills.models import ParticipantSkill

from . import scheduling
from .models import Registration

DAY_STARTS, DAY_ENDS = time(8), time(21)
SUGGESTIONS = 3


@dataclass
class Slot:
    start: datetime
    people: int
    by_region: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class SlotSearch:
    audience: int
    without_time_zone: int
    hours: list[Slot]

    @property
    def best(self):
        """The SUGGESTIONS hours that suit the most people (the earlier hour first on a tie), none that suits nobody."""
        ranked = sorted(self.hours, key=lambda slot: (-slot.people, slot.start))
        return [slot for slot in ranked[:SUGGESTIONS] if slot.people]


def speaks_any(languages):
    """Participants who speak one of `languages` (codes such as "pt" also match "pt-br")."""
    condition = Q()
    for code in languages:
        condition |= Q(language__iexact=code) | Q(language__istartswith=f"{code}-")
    return condition


def likely_audience(*, skill, languages, clinic=None):
    """The participants a clinic on `skill` in `languages` would reach (a queryset, each person once)."""
    learners = ParticipantSkill.objects.filter(skill=skill, kind=ParticipantSkill.Kind.LEARN).values("participant")
    speakers = SpokenLanguage.objects.filter(speaks_any(languages)).values("participant")
    audience = Q(pk__in=learners) & Q(pk__in=speakers)
    if clinic is not None:
        registered = Registration.objects.filter(
            clinic=clinic, status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED]
        ).values("participant")
        audience |= Q(pk__in=registered)
    return Participant.objects.filter(audience, user__is_active=True)


def fits_the_day(start, end, zone):
    """Whether a session from `start` to `end` (UTC) lies between DAY_STARTS and DAY_ENDS on one day in `zone`."""
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    day = local_start.date()
    return local_start >= datetime.combine(day, DAY_STARTS, tzinfo=zone) and local_end <= datetime.combine(
        day, DAY_ENDS, tzinfo=zone
    )


def find_slots(*, skill, languages, day, duration, clinic=None):
    """How many of the likely audience each UTC start hour of `day` suits, with the counts per region."""
    groups = (
        likely_audience(skill=skill, languages=languages, clinic=clinic)
        .values_list("time_zone", "country__region_id")
        .annotate(people=Count("pk"))
        .order_by()
    )
    region_names = {region.code: region.name for region in Region.objects.all()}
    unknown_region = _("Region not known")
    placed, audience, without_time_zone = [], 0, 0
    for zone_name, region_code, people in groups:
        audience += people
        if zone_name in scheduling.time_zone_names():
            placed.append((ZoneInfo(zone_name), region_names.get(region_code, unknown_region), people))
        else:
            without_time_zone += people
    hours = []
    for hour in range(24):
        start = datetime.combine(day, time(hour), tzinfo=UTC)
        end = start + duration
        regions = Counter()
        for zone, region, people in placed:
            if fits_the_day(start, end, zone):
                regions[region] += people
        by_region = sorted(regions.items(), key=lambda item: (-item[1], item[0]))
        hours.append(Slot(start=start, people=sum(regions.values()), by_region=by_region))
    return SlotSearch(audience=audience, without_time_zone=without_time_zone, hours=hours)


def default_day(now):
    """A week from now: a clinic is announced at least that far ahead."""
    return (now + timedelta(days=7)).date()
