"""Reads: the resource search with its filters, the reader's languages, related resources, who may add."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import get_language

from clinics.models import Clinic
from participants.models import SpokenLanguage

from .models import Resource, ResourceLanguage

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class ResourceQuery:
    text: str = ""
    skill: str = ""  # a skill's slug
    kind: str = ""
    language: str = ""
    max_minutes: int | None = None


def reader_languages(user):
    """The page's language, then (for a signed-in participant) the languages they speak: one query at most."""
    codes = [get_language() or settings.LANGUAGE_CODE]
    if user.is_authenticated:
        codes += SpokenLanguage.objects.filter(participant__user=user).values_list("language", flat=True)
    return list(dict.fromkeys(codes))


def search(query, *, languages):
    """Visible resources matching every filter, those in the reader's `languages` first."""
    resources = Resource.objects.visible()
    if query.text:
        words = Q()
        for code in SITE_LANGUAGES:
            words |= Q(**{f"title_{code}__icontains": query.text}) | Q(**{f"summary_{code}__icontains": query.text})
        resources = resources.filter(words | Q(author__icontains=query.text))
    if query.skill:
        resources = resources.filter(skills__slug=query.skill)
    if query.kind:
        resources = resources.filter(kind=query.kind)
    if query.language:
        resources = resources.filter(languages__language=query.language)
    if query.max_minutes is not None:
        resources = resources.filter(minutes__lte=query.max_minutes)
    return resources.in_languages_first(languages).select_related("clinic").prefetch_related("languages")


def material_languages():
    """The languages some visible resource is in: the choices of the language filter."""
    return list(
        ResourceLanguage.objects.filter(resource__published=True)
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )


def related(resource, *, skills, languages, limit=5):
    """Other visible resources from the same clinic or on the same `skills`, the most skills in common first."""
    skill_ids = [skill.pk for skill in skills]
    match = Q(skills__in=skill_ids)
    if resource.clinic_id:
        match |= Q(clinic_id=resource.clinic_id)
    return list(
        Resource.objects.visible()
        .filter(match)
        .exclude(pk=resource.pk)
        .annotate(common=Count("skills", filter=Q(skills__in=skill_ids), distinct=True))
        .in_languages_first(languages)
        .order_by("-common", "-in_reader_language", "-created_at")
        .prefetch_related("languages")[:limit]
    )


def shares_clinics(user):
    """Whether `user` shared a clinic they may attach resources to (one query)."""
    return user.is_authenticated and clinics_shared_by_user(user).exists()


def clinics_shared_by_user(user):
    return (
        Clinic.objects.filter(sharers__participant__user=user)
        .exclude(status__in=[Clinic.Status.DRAFT, Clinic.Status.CANCELLED])
        .order_by("-start")
    )


def clinics_shared_by(participant):
    """The clinics a participant may attach resources to: those they shared (drafts and cancelled ones aside)."""
    if participant is None:
        return Clinic.objects.none()
    return (
        Clinic.objects.filter(sharers__participant=participant)
        .exclude(status__in=[Clinic.Status.DRAFT, Clinic.Status.CANCELLED])
        .order_by("-start")
    )
