"""Reads of the Skills Directory: search, filters and facet counts over listed participants only.

On PostgreSQL a search reads the directory's bitmap facet index in memory (`skills.facet_index`, built from the
`DirectoryEntry` rows), or when the cache (its change log) is unreachable, those rows in one statement
(`skills.directory_index`). Elsewhere
(SQLite in development) `matching`, `results` and `facet_counts` search the profiles through joins: simpler,
fine for a few hundred people, and the reference the index is tested against.
"""

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils.text import capfirst

from letsconnect import fragments
from participants.languages import language_name
from participants.models import Participant, Region, SpokenLanguage
from participants.search import normalise

from . import directory_index, facet_index
from .models import ParticipantSkill, Skill

MAX_SEARCH_WORDS = 6
# The name of the data version (letsconnect.fragments) of skills, categories, regions and countries.
TAXONOMY_VERSION = "skills-taxonomy"
FACETS = ("skill", "category", "mode", "region", "country", "language", "role", "affiliate")
# What a directory card shows of a participant (the region's name in every language, for the fallback to English).
CARD_FIELDS = (
    "display_name",
    "user__username",
    "country__code",
    "country__region__code",
    "country__region__name",
    *(f"country__region__name_{code}" for code, _name in settings.LANGUAGES),
    "directory_entry__languages",
    "directory_entry__shares",
)


class TaxonomySkill(NamedTuple):
    slug: str
    category: str
    names: str  # its names in every shipped language, normalised
    skill: Skill


@dataclass
class DirectoryQuery:
    """What a person asked the directory for: words and facet values, all optional.

    `skills`: the taxonomy (skills with their category, in their order) when the caller has it already.
    """

    text: str = ""
    values: dict = field(default_factory=dict)
    skills: list | None = None

    @property
    def words(self):
        return normalise(self.text).split()[:MAX_SEARCH_WORDS]

    @cached_property
    def taxonomy(self):
        """{skill id: TaxonomySkill}: the taxonomy is small (dozens of skills), one query per directory page."""
        skills = self.skills if self.skills is not None else list(Skill.objects.select_related("category"))
        return taxonomy_rows(skills)

    @cached_property
    def skills_by_word(self):
        """For each word, the skills whose name in some language contains it."""
        names = {pk: skill.names for pk, skill in self.taxonomy.items()} if self.words else {}
        return {word: [pk for pk, text in names.items() if word in text] for word in self.words}


def taxonomy_rows(skills):
    """{skill id: TaxonomySkill} of `skills` (skills with their category, in their order)."""
    fields = [f"name_{code}" for code, _name in settings.LANGUAGES]
    return {
        skill.pk: TaxonomySkill(
            slug=skill.slug,
            category=skill.category.slug,
            names=normalise(" ".join(getattr(skill, name) for name in fields if getattr(skill, name))),
            skill=skill,
        )
        for skill in skills
    }


class Taxonomy(NamedTuple):
    skills: list  # with their category, in their order
    regions: list
    rows: dict  # taxonomy_rows(skills)
    choices: dict  # what the directory's form checks its values against


_taxonomy_lock = threading.Lock()
_taxonomy = {}


def directory_taxonomy():
    """The skills, categories and regions the directory shows and filters by, read once per process while their
    version (`TAXONOMY_VERSION`, replaced when any is saved or deleted) stays the same; read per call without the
    cache."""
    version = fragments.data_version(TAXONOMY_VERSION)
    with _taxonomy_lock:
        if version is not None and _taxonomy.get("version") == version:
            return _taxonomy["value"]
    skills = list(Skill.objects.select_related("category"))
    regions = list(Region.objects.all())
    choices = {
        "skill_slugs": {skill.slug for skill in skills},
        "category_slugs": {skill.category.slug for skill in skills},
        "region_codes": {region.code for region in regions},
    }
    value = Taxonomy(skills=skills, regions=regions, rows=taxonomy_rows(skills), choices=choices)
    if version is not None:
        with _taxonomy_lock:
            _taxonomy.update(version=version, value=value)
    return value


def uses_directory_index():
    """The directory's own index is kept and searched on PostgreSQL only."""
    return connection.vendor == "postgresql"


def search(query, *, page_number=1, page_size=20):
    """One page of the directory: `(page, facet counts)`.

    `page.object_list` holds the page's participants with their account, country and region, and for their
    card `language_names` (most fluent first) and `shared_skills` (in the taxonomy's order). A page number past
    the last gives the last page, one that is not a number the first.
    """
    try:
        page_number = max(int(page_number), 1)
    except (TypeError, ValueError):
        page_number = 1
    if uses_directory_index():
        # The bitmaps of this process, up to date; without the cache (no change log), the statement in SQL.
        arguments = {"taxonomy": query.taxonomy, "page_number": page_number, "page_size": page_size}
        found = facet_index.search_current(query, **arguments) or directory_index.search(query, **arguments)
        page = Paginator(range(found.total), page_size).page(found.page_number)
        # The card's languages and skills come from the directory's own row: no query per relation.
        # Only the columns the card shows: a participant row has dozens, and building them cost more than the query.
        by_id = (
            Participant.objects.select_related("user", "country__region", "directory_entry")
            .only(*CARD_FIELDS)
            .in_bulk(found.ids)
        )
        page.object_list = [by_id[pk] for pk in found.ids if pk in by_id]
        for participant in page.object_list:
            entry = participant.directory_entry
            participant.language_names = [capfirst(language_name(code)) for code in entry.languages]
            shares = set(entry.shares)
            participant.shared_skills = [row.skill for pk, row in query.taxonomy.items() if pk in shares]
        return page, found.counts
    page = Paginator(results(query), page_size).get_page(page_number)
    page.object_list = list(page.object_list)
    prefetch_related_objects(
        page.object_list,
        "languages",
        Prefetch(
            "skills",
            queryset=ParticipantSkill.objects.filter(kind=ParticipantSkill.Kind.SHARE).select_related("skill"),
            to_attr="shared_links",
        ),
    )
    for participant in page.object_list:
        participant.language_names = [language.name for language in participant.languages.all()]
        participant.shared_skills = [link.skill for link in participant.shared_links]
    return page, facet_counts(query)


def _word_condition(word, skill_ids, *, mode=None):
    """A word matches a person's name or bio, or the name (in any language) of a skill they share or want.

    With "can share" or "wants to learn" chosen, only skills on that side count. Skill names are looked
    up in the taxonomy, not copied into every person's row, which keeps the per-person text small. The
    two halves are a union of ids, so that each is served by its own index (trigram; skill and kind).
    """
    # Unordered: SQLite allows no ORDER BY inside a UNION.
    by_text = Participant.objects.filter(search_about__contains=word).values("pk").order_by()
    if not skill_ids:
        return Q(pk__in=by_text)
    links = ParticipantSkill.objects.filter(skill_id__in=skill_ids)
    if mode:
        links = links.filter(kind=mode)
    return Q(pk__in=by_text.union(links.values("participant_id").order_by()))


def _skill_links(query, *, ignore=()):
    """Links of the participant in OuterRef('pk') matching the skill, category and mode filters."""
    links = ParticipantSkill.objects.filter(participant=OuterRef("pk"))
    values = query.values
    if values.get("skill") and "skill" not in ignore:
        links = links.filter(skill__slug=values["skill"])
    if values.get("category") and "category" not in ignore:
        links = links.filter(skill__category__slug=values["category"])
    if values.get("mode") and "mode" not in ignore:
        links = links.filter(kind=values["mode"])
    return links


def _conditions(query, *, ignore=()):
    values = query.values
    conditions = []
    skill_facets = {"skill", "category", "mode"} - set(ignore)
    if any(values.get(name) for name in skill_facets):
        conditions.append(Exists(_skill_links(query, ignore=ignore)))
    if values.get("region") and "region" not in ignore:
        conditions.append(Q(country__region_id=values["region"]))
    if values.get("country") and "country" not in ignore:
        conditions.append(Q(country_id=values["country"]))
    if values.get("language") and "language" not in ignore:
        conditions.append(
            Exists(SpokenLanguage.objects.filter(participant=OuterRef("pk"), language=values["language"]))
        )
    if values.get("role") and "role" not in ignore:
        conditions.append(Q(role=values["role"]))
    if values.get("affiliate") and "affiliate" not in ignore:
        # Only people who show their affiliation can be found by it.
        conditions.append(Q(show_affiliation=True, affiliates=values["affiliate"]))
    return conditions


def matching(query, *, ignore=()):
    """Listed participants matching the words and every facet but those in `ignore`."""
    participants = Participant.objects.listed()
    mode = query.values.get("mode") if "mode" not in ignore else None
    for word in query.words:
        participants = participants.filter(_word_condition(word, query.skills_by_word[word], mode=mode))
    for condition in _conditions(query, ignore=ignore):
        participants = participants.filter(condition)
    return participants


def results(query):
    """The matching participants, most relevant first (name matches before other matches), then most recent."""
    participants = matching(query)
    rank = Value(0, output_field=IntegerField())
    for word in query.words:
        rank = rank + Case(When(search_name__contains=word, then=Value(1)), default=Value(0))
    return (
        participants.annotate(rank=rank, last_seen=Coalesce("user__last_login", "created_at"))
        .select_related("user", "country__region")
        .order_by("-rank", F("last_seen").desc(nulls_last=True), "pk")
    )


def facet_counts(query):
    """For each facet, {value: number of participants}, counted with every other facet applied."""
    counts = {}
    by_skill = ParticipantSkill.objects.filter(participant__in=matching(query, ignore=("skill", "category")))
    if query.values.get("mode"):
        by_skill = by_skill.filter(kind=query.values["mode"])
    rows = by_skill.values_list("skill_id").annotate(n=Count("participant_id", distinct=True)).order_by()
    counts["skill"] = dict(rows)
    rows = by_skill.values_list("skill__category__slug").annotate(n=Count("participant_id", distinct=True)).order_by()
    counts["category"] = dict(rows)
    by_mode = ParticipantSkill.objects.filter(participant__in=matching(query, ignore=("mode",)))
    if query.values.get("skill"):
        by_mode = by_mode.filter(skill__slug=query.values["skill"])
    if query.values.get("category"):
        by_mode = by_mode.filter(skill__category__slug=query.values["category"])
    counts["mode"] = dict(by_mode.values_list("kind").annotate(n=Count("participant_id", distinct=True)))
    for facet, column in (("region", "country__region_id"), ("country", "country_id"), ("role", "role")):
        rows = matching(query, ignore=(facet,)).values_list(column).annotate(n=Count("pk")).order_by()
        counts[facet] = {value: number for value, number in rows if value}
    rows = (
        SpokenLanguage.objects.filter(participant__in=matching(query, ignore=("language",)))
        .values_list("language")
        .annotate(n=Count("participant_id"))
        .order_by()
    )
    counts["language"] = dict(rows)
    rows = (
        Participant.affiliates.through.objects.filter(
            participant__in=matching(query, ignore=("affiliate",)).filter(show_affiliation=True)
        )
        .values_list("affiliate_id", "affiliate__name")
        .annotate(n=Count("participant_id"))
        .order_by("-n", "affiliate__name")[:50]
    )
    counts["affiliate"] = {affiliate_id: (name, number) for affiliate_id, name, number in rows}
    return counts


def people_for_skill(skill, *, kind, limit=50):
    """Listed participants who share (or want to learn) `skill`."""
    links = ParticipantSkill.objects.filter(participant=OuterRef("pk"), skill=skill, kind=kind)
    return Participant.objects.listed().filter(Exists(links)).select_related("user", "country__region")[:limit]


def demand(*, region=None, language=None):
    """Per skill: how many participants want it and how many share it, biggest gap first (for liaisons).

    Counts everyone registered, listed or not: these are totals, never names.
    """
    participants = Participant.objects.filter(user__is_active=True)
    if region:
        participants = participants.filter(country__region_id=region)
    if language:
        participants = participants.filter(
            Exists(SpokenLanguage.objects.filter(participant=OuterRef("pk"), language=language))
        )
    rows = (
        ParticipantSkill.objects.filter(participant__in=participants)
        .values_list("skill_id", "kind")
        .annotate(n=Count("participant_id", distinct=True))
        .order_by()
    )
    counts = {}
    for skill_id, kind, number in rows:
        counts.setdefault(skill_id, {"share": 0, "learn": 0})[kind] = number
    return counts
