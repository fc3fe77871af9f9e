"""The Skills Directory searched the naive way, for comparison: icontains on the raw fields and on every language's
skill name through joins, facets as plain joins, DISTINCT to undo the duplicates the joins make."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When, prefetch_related_objects
from django.db.models.functions import Coalesce

from participants.models import Participant, SpokenLanguage
from skills.models import ParticipantSkill

NAME_FIELDS = [f"skills__skill__name_{code}" for code, _name in settings.LANGUAGES]


def page(query, *, page_number=1, page_size=20):
    """What one directory page needs, the naive way: the page with languages and shared skills, and the counts."""
    current = Paginator(results(query), page_size).get_page(page_number)
    people = list(current.object_list)
    shared = ParticipantSkill.objects.filter(kind=ParticipantSkill.Kind.SHARE).select_related("skill")
    prefetch_related_objects(people, "languages", Prefetch("skills", queryset=shared, to_attr="shared_skills"))
    return current, people, facet_counts(query)


def matching(query, *, ignore=()):
    participants = Participant.objects.listed()
    for word in query.words:
        text = Q(display_name__icontains=word) | Q(bio__icontains=word)
        for name in NAME_FIELDS:
            text |= Q(**{f"{name}__icontains": word})
        participants = participants.filter(text)
    values = query.values
    links = {}
    if values.get("skill") and "skill" not in ignore:
        links["skills__skill__slug"] = values["skill"]
    if values.get("category") and "category" not in ignore:
        links["skills__skill__category__slug"] = values["category"]
    if values.get("mode") and "mode" not in ignore:
        links["skills__kind"] = values["mode"]
    if links:
        participants = participants.filter(**links)
    for facet, lookup in (("region", "country__region_id"), ("country", "country_id"), ("role", "role")):
        if values.get(facet) and facet not in ignore:
            participants = participants.filter(**{lookup: values[facet]})
    if values.get("language") and "language" not in ignore:
        participants = participants.filter(languages__language=values["language"])
    if values.get("affiliate") and "affiliate" not in ignore:
        participants = participants.filter(show_affiliation=True, affiliates=values["affiliate"])
    return participants.distinct()


def results(query):
    rank = Value(0, output_field=IntegerField())
    for word in query.words:
        rank = rank + Case(When(display_name__icontains=word, then=Value(1)), default=Value(0))
    return (
        matching(query)
        .annotate(rank=rank, last_seen=Coalesce("user__last_login", "created_at"))
        .select_related("user", "country__region")
        .order_by("-rank", F("last_seen").desc(nulls_last=True), "pk")
    )


def facet_counts(query):
    """The same counts as skills.queries.facet_counts, over `matching`."""
    values, counts = query.values, {}
    by_skill = ParticipantSkill.objects.filter(participant__in=matching(query, ignore=("skill", "category")))
    if values.get("mode"):
        by_skill = by_skill.filter(kind=values["mode"])
    for facet, column in (("skill", "skill_id"), ("category", "skill__category__slug")):
        counts[facet] = dict(by_skill.values_list(column).annotate(n=Count("participant_id", distinct=True)).order_by())
    by_mode = ParticipantSkill.objects.filter(participant__in=matching(query, ignore=("mode",)))
    if values.get("skill"):
        by_mode = by_mode.filter(skill__slug=values["skill"])
    if values.get("category"):
        by_mode = by_mode.filter(skill__category__slug=values["category"])
    counts["mode"] = dict(by_mode.values_list("kind").annotate(n=Count("participant_id", distinct=True)).order_by())
    for facet, column in (("region", "country__region_id"), ("country", "country_id"), ("role", "role")):
        rows = matching(query, ignore=(facet,)).values_list(column).annotate(n=Count("pk", distinct=True))
        counts[facet] = dict(rows.order_by())
    rows = SpokenLanguage.objects.filter(participant__in=matching(query, ignore=("language",)))
    counts["language"] = dict(rows.values_list("language").annotate(n=Count("participant_id")).order_by())
    rows = Participant.affiliates.through.objects.filter(
        participant__in=matching(query, ignore=("affiliate",)).filter(show_affiliation=True)
    )
    counts["affiliate"] = dict(rows.values_list("affiliate_id").annotate(n=Count("participant_id")).order_by())
    return counts
