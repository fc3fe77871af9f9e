"""People to connect with: sharers of what I want to learn, learners of what I share.

Ranked by languages in common, then same region, then the smallest time-zone difference.
"""

import zoneinfo
from datetime import UTC, datetime

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from participants.models import Participant, SpokenLanguage

from .models import ParticipantSkill

SUGGESTIONS = 6
CANDIDATES = 60


def _offset_hours(time_zone, moment):
    try:
        return zoneinfo.ZoneInfo(time_zone).utcoffset(moment).total_seconds() / 3600
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _time_zone_distance(mine, theirs):
    """Hours between two zones (a day wraps around); unknown zones come last."""
    if mine is None or theirs is None:
        return 24
    difference = abs(mine - theirs) % 24
    return min(difference, 24 - difference)


def _ranked(participant, *, they_do, i_do):
    my_skills = ParticipantSkill.objects.filter(participant=participant, kind=i_do).values("skill")
    my_languages = SpokenLanguage.objects.filter(participant=participant).values("language")
    region = participant.country.region_id if participant.country else None
    candidates = (
        Participant.objects.listed()
        .exclude(pk=participant.pk)
        .filter(Exists(ParticipantSkill.objects.filter(participant=OuterRef("pk"), kind=they_do, skill__in=my_skills)))
        .annotate(
            common_languages=Count("languages", filter=Q(languages__language__in=my_languages), distinct=True),
            same_region=Case(
                When(country__region_id=region, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .select_related("user", "country__region")
        .order_by("-common_languages", "-same_region", "pk")[:CANDIDATES]
    )
    moment = datetime.now(tz=UTC)
    mine = _offset_hours(participant.time_zone, moment) if participant.time_zone else None
    ranked = sorted(
        candidates,
        key=lambda other: (
            -other.common_languages,
            -other.same_region,
            _time_zone_distance(mine, _offset_hours(other.time_zone, moment) if other.time_zone else None),
        ),
    )
    return ranked[:SUGGESTIONS]


def sharers_for(participant):
    """Listed participants who share a skill `participant` wants to learn."""
    return _ranked(participant, they_do=ParticipantSkill.Kind.SHARE, i_do=ParticipantSkill.Kind.LEARN)


def learners_for(participant):
    """Listed participants who want to learn a skill `participant` shares."""
    return _ranked(participant, they_do=ParticipantSkill.Kind.LEARN, i_do=ParticipantSkill.Kind.SHARE)
