"""Reads of the outreach app: who an announcement reaches, what a person's digest holds."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone

from clinics.models import Attendance, Clinic
from mail.models import Email
from participants.models import Participant, SpokenLanguage
from resources.models import Resource
from skills.models import ParticipantSkill

# Upcoming clinics a digest lists: those of the coming five weeks (the next digest covers the rest).
DIGEST_CLINIC_HORIZON = timedelta(days=35)
DIGEST_RESOURCES = 10  # the newest, at most, in one digest


def reachable_participants():
    """People who may be emailed at all: active account, an address, not refused by the mail server."""
    return (
        Participant.objects.filter(user__is_active=True)
        .exclude(user__email="")
        # `refused_email` is stored lower-cased (participants.mail_hooks.record_refused_address).
        .exclude(refused_email=Lower("user__email"))
    )


def accepts(participant, *, digest):
    """Whether `participant` (fresh from the database) still accepts this kind of email."""
    if not participant.user.is_active or not participant.user.email:
        return False
    if participant.refused_email and participant.refused_email == participant.user.email.lower():
        return False
    return participant.announcements_enabled and (participant.digest_enabled or not digest)


def audience(announcement):
    """The participants `announcement` reaches: its filters (AND between them, OR inside one), opted in only."""
    people = reachable_participants().filter(announcements_enabled=True)
    region_codes = [region.pk for region in announcement.regions.all()]
    if region_codes:
        people = people.filter(country__region__in=region_codes)
    country_codes = [country.pk for country in announcement.countries.all()]
    if country_codes:
        people = people.filter(country__in=country_codes)
    if announcement.languages:
        people = people.filter(
            Exists(SpokenLanguage.objects.filter(participant=OuterRef("pk"), language__in=announcement.languages))
        )
    if announcement.roles:
        people = people.filter(role__in=announcement.roles)
    for kind, skills in (
        (ParticipantSkill.Kind.SHARE, announcement.skills_shared.all()),
        (ParticipantSkill.Kind.LEARN, announcement.skills_wanted.all()),
    ):
        skill_ids = [skill.pk for skill in skills]
        if skill_ids:
            people = people.filter(
                Exists(ParticipantSkill.objects.filter(participant=OuterRef("pk"), kind=kind, skill__in=skill_ids))
            )
    topic_ids = [topic.pk for topic in announcement.attended_topics.all()]
    if topic_ids:
        people = people.filter(
            Exists(Attendance.objects.filter(participant=OuterRef("pk"), clinic__topic__in=topic_ids))
        )
    if announcement.registered_since:
        people = people.filter(created_at__date__gte=announcement.registered_since)
    if announcement.never_attended:
        people = people.exclude(Exists(Attendance.objects.filter(participant=OuterRef("pk"))))
    return people


def reach_by_language(announcement):
    """`[(language, count), ...]` of the audience, largest first, and the total."""
    rows = list(
        audience(announcement)
        .order_by()
        .values_list("email_language")
        .annotate(count=Count("pk"))
        .order_by("-count", "email_language")
    )
    return rows, sum(count for _language, count in rows)


def previous_digest_at(participant, *, before):
    """When `participant` last received a digest, before the month being sent (`before`, its first day)."""
    return (
        Email.objects.filter(
            kind=Email.Kind.DIGEST,
            recipient_id=participant.user_id,
            state=Email.State.SENT,
            group__lt=f"digest:{before.isoformat()}",
            sent_at__isnull=False,
        )
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )


def digest_contents(participant, *, since, now=None):
    """What is new for `participant`: upcoming clinics in languages they speak (or with interpretation into
    one), resources added since `since` on skills they want to learn, and sharers new to the directory since
    `since` for those skills. All empty: nothing to send."""
    now = now or timezone.now()
    languages = {participant.email_language, *participant.languages.values_list("language", flat=True)}
    # The next few weeks' clinics are few: their interpretation languages (a JSON list, which SQLite cannot
    # query by element) are compared here.
    clinics = [
        clinic
        for clinic in Clinic.objects.upcoming(now=now)
        .filter(start__lt=now + DIGEST_CLINIC_HORIZON)
        .select_related("topic")
        if clinic.language in languages or languages.intersection(clinic.interpretation_languages)
    ]
    wanted = ParticipantSkill.objects.filter(participant=participant, kind=ParticipantSkill.Kind.LEARN)
    new_resources = list(
        Resource.objects.visible()
        .filter(created_at__gte=since, skills__in=wanted.values("skill"))
        .distinct()
        .order_by("-created_at")[:DIGEST_RESOURCES]
    )
    new_sharers = list(
        ParticipantSkill.objects.filter(
            kind=ParticipantSkill.Kind.SHARE,
            created_at__gte=since,
            skill__in=wanted.values("skill"),
            participant__in=Participant.objects.listed(),
        )
        .exclude(participant=participant)
        .select_related("participant__user", "skill")
        .order_by("skill__position", "participant__display_name")
    )
    return {"clinics": clinics, "new_resources": new_resources, "new_sharers": new_sharers}
