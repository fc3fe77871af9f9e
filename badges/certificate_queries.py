"""Reads for certificates: what a participant can be certified for, and who may download which certificate."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import translation

from clinics.models import Attendance, Clinic, ClinicSharer

from .models import Certificate


def held_clinics(*, participant, kind):
    """The held clinics a certificate of `kind` lists: attended (participation) or shared (contribution)."""
    if kind == Certificate.Kind.CONTRIBUTION:
        links = ClinicSharer.objects.filter(participant=participant)
    else:
        links = Attendance.objects.filter(participant=participant)
    return (
        Clinic.objects.filter(status=Clinic.Status.HELD, pk__in=links.values("clinic_id"))
        .select_related("topic")
        .order_by("start", "pk")
    )


def available_kinds(*, participant):
    """The kinds of certificate `participant` can have now, in the order of `Certificate.Kind`."""
    return [kind for kind in Certificate.Kind if held_clinics(participant=participant, kind=kind).exists()]


def _zone(name):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def clinic_snapshot(*, clinics, language):
    """What a certificate freezes of each clinic: title and topic in `language`, and the start in the time zone
    the clinic was planned in, so that the date printed is the day it took place there."""
    with translation.override(language):
        return [
            {
                "title": clinic.title,
                "topic": clinic.topic.name,
                "start": clinic.start.astimezone(_zone(clinic.planned_time_zone)).isoformat(),
            }
            for clinic in clinics
        ]


def frozen_clinics(certificate):
    """The clinics as `certificate` froze them, each with its `date` (the day it took place where it was planned)."""
    return [clinic | {"date": datetime.fromisoformat(clinic["start"]).date()} for clinic in certificate.clinics]


def certificates_of(*, participant):
    return Certificate.objects.filter(participant=participant).order_by("-issued_at", "-pk")


def certificates_downloadable_by(user):
    """Certificates whose PDF `user` may download: their own unrevoked ones; every one for staff who may see
    certificates in the admin (liaisons)."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    if user.is_staff and user.has_perm("badges.view_certificate"):
        return Certificate.objects.all()
    return Certificate.objects.filter(participant__user=user, revoked_at__isnull=True)


def verification_url(certificate):
    """The public address of `certificate`'s page, absolute, in the certificate's own language."""
    with translation.override(certificate.language):
        return settings.SITE_URL + certificate.get_absolute_url()
