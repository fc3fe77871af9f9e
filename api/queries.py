"""The API's reads: each list in a fixed number of queries, whatever the page holds."""

from django.db.models import Count, Prefetch, Q, prefetch_related_objects

from badges.models import Award
from clinics.models import Attendance, Clinic, ClinicSharer, Registration
from participants.models import Participant
from resources.models import Resource
from skills.models import ParticipantSkill, Skill


def clinics(*, when="", topic="", skill="", language="", kind="", region=""):
    """Visible clinics (never drafts) matching the filters: upcoming ones soonest first, else latest first."""
    found = Clinic.objects.visible()
    if when == "upcoming":
        found = found.upcoming()
    elif when == "past":
        found = found.past()
    else:
        found = found.order_by("-start", "pk")
    if topic:
        found = found.filter(topic__slug=topic)
    if skill:
        found = found.filter(skills__slug=skill)
    if language:
        found = found.filter(language=language)
    if kind:
        found = found.filter(kind=kind)
    if region:
        found = found.filter(region_id=region)
    return (
        found.select_related("topic")
        .annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED))
        )
        .prefetch_related(
            "skills",
            "materials",
            Prefetch("sharers", queryset=ClinicSharer.objects.select_related("participant__user")),
        )
    )


def skills(*, category=""):
    found = Skill.objects.select_related("category")
    if category:
        found = found.filter(category__slug=category)
    return found


def public_profiles(*, skill="", country="", language=""):
    """Listed participants, with everything their public profile shows read in one query per part."""
    found = Participant.objects.listed()
    if skill:
        found = found.filter(skills__skill__slug=skill).distinct()
    if country:
        found = found.filter(country_id=country.upper())
    if language:
        found = found.filter(languages__language=language).distinct()
    return _with_profile_parts(found.order_by("display_name", "pk"))


def own_profile(*, user):
    """The signed-in person's profile, read as the public one is; None before they made one."""
    return _with_profile_parts(Participant.objects.filter(user=user, user__is_active=True)).first()


def with_skills(participant):
    """`participant` with the skills they share or want to learn read (one query)."""
    prefetch_related_objects(
        [participant], Prefetch("skills", queryset=ParticipantSkill.objects.select_related("skill"))
    )
    return participant


def _with_profile_parts(participants):
    return participants.select_related("user", "country__region").prefetch_related(
        "languages",
        "home_wikis",
        "affiliates",
        Prefetch("skills", queryset=ParticipantSkill.objects.select_related("skill")),
        Prefetch(
            "attendances",
            queryset=Attendance.objects.filter(clinic__status=Clinic.Status.HELD)
            .select_related("clinic")
            .order_by("-clinic__start"),
            to_attr="held_attendances",
        ),
        Prefetch(
            "clinics_shared",
            queryset=ClinicSharer.objects.exclude(clinic__status__in=[Clinic.Status.DRAFT, Clinic.Status.CANCELLED])
            .select_related("clinic")
            .order_by("-clinic__start"),
            to_attr="public_shares",
        ),
        Prefetch("awards", queryset=Award.objects.valid().select_related("badge"), to_attr="valid_awards"),
    )


def resources(*, skill="", kind="", language=""):
    found = Resource.objects.visible()
    if skill:
        found = found.filter(skills__slug=skill)
    if kind:
        found = found.filter(kind=kind)
    if language:
        found = found.filter(languages__language=language)
    return found.order_by("-created_at", "pk").select_related("clinic").prefetch_related("languages", "skills")


def registrations(*, participant):
    return Registration.objects.filter(participant=participant).select_related("clinic").order_by("-created_at", "pk")
