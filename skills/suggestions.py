"""People to connect with: sharers of what I want to learn, learners of what I share.

Ranked by languages in common, then same region, then the smallest time-zone difference.
"""

import zoneinfo
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from letsconnect import fragments
from participants.models import Participant, SpokenLanguage

from .models import ParticipantSkill

SUGGESTIONS = 6
CANDIDATES = 60
# Kept until anyone's directory entry changes (profile, skills, languages, listing: `forget()`, called by the
# services that rebuild entries), so that someone who leaves the directory leaves everyone's suggestions at once.
CACHE_SECONDS = 15 * 60
DATA = "home-suggestions"


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
    """Two steps, so that a popular skill (tens of thousands of people) stays cheap: rank narrow rows (ids and two
    numbers, the languages in common counted per candidate through an index), then read the few people kept."""
    my_skills = ParticipantSkill.objects.filter(participant=participant, kind=i_do).values("skill")
    my_languages = SpokenLanguage.objects.filter(participant=participant).values("language")
    common_languages = (
        SpokenLanguage.objects.filter(participant=OuterRef("pk"), language__in=my_languages)
        .order_by()
        .values("participant")
        .annotate(count=Count("pk"))
        .values("count")
    )
    region = participant.country.region_id if participant.country else None
    scores = {
        pk: (common, same_region)
        for pk, common, same_region in Participant.objects.listed()
        .exclude(pk=participant.pk)
        .filter(Exists(ParticipantSkill.objects.filter(participant=OuterRef("pk"), kind=they_do, skill__in=my_skills)))
        .annotate(
            common_languages=Coalesce(Subquery(common_languages, output_field=IntegerField()), 0),
            same_region=Case(
                When(country__region_id=region, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .order_by("-common_languages", "-same_region", "pk")
        .values_list("pk", "common_languages", "same_region")[:CANDIDATES]
    }
    candidates = Participant.objects.filter(pk__in=scores).select_related("user", "country__region")
    moment = datetime.now(tz=UTC)
    mine = _offset_hours(participant.time_zone, moment) if participant.time_zone else None
    ranked = sorted(
        candidates,
        key=lambda other: (
            -scores[other.pk][0],
            -scores[other.pk][1],
            _time_zone_distance(mine, _offset_hours(other.time_zone, moment) if other.time_zone else None),
            other.pk,
        ),
    )
    return ranked[:SUGGESTIONS]


def for_home(participant):
    """(sharers, learners) for `participant`'s home page: ranking them reads every candidate (tens of thousands
    for a popular skill), so on PostgreSQL the answer is kept in the cache under the directory's version."""
    version = fragments.data_version(DATA) if connection.vendor == "postgresql" else None
    if version is None:
        return sharers_for(participant), learners_for(participant)
    key = f"skills:suggestions:{version}:{participant.pk}"
    found = cache.get(key)
    if found is None:
        found = (sharers_for(participant), learners_for(participant))
        cache.set(key, found, CACHE_SECONDS)
    return found


def forget():
    """Someone's directory entry changed: suggestions computed before are not shown again (now and after the
    commit)."""
    fragments.replace_version(DATA)


def sharers_for(participant):
    """Listed participants who share a skill `participant` wants to learn."""
    return _ranked(participant, they_do=ParticipantSkill.Kind.SHARE, i_do=ParticipantSkill.Kind.LEARN)


def learners_for(participant):
    """Listed participants who want to learn a skill `participant` shares."""
    return _ranked(participant, they_do=ParticipantSkill.Kind.LEARN, i_do=ParticipantSkill.Kind.SHARE)
