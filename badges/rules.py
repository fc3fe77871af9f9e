"""What a participant has done, counted the way the badge rules read it (reads only)."""

from django.db.models import Count

from clinics.models import Attendance, Clinic, ClinicSharer
from skills.models import Mentorship

from .models import BadgeClass


def achievements(participant):
    """{rule: number} for every automatic rule, in four queries whatever the history."""
    held = Clinic.Status.HELD
    shares = ClinicSharer.objects.filter(participant=participant, clinic__status=held).aggregate(
        clinics=Count("clinic", distinct=True), languages=Count("clinic__language", distinct=True)
    )
    return {
        BadgeClass.Rule.CLINICS_ATTENDED: Attendance.objects.filter(participant=participant, clinic__status=held)
        .values("clinic")
        .distinct()
        .count(),
        BadgeClass.Rule.CLINICS_SHARED: shares["clinics"],
        BadgeClass.Rule.SHARING_LANGUAGES: shares["languages"],
        BadgeClass.Rule.MENTORSHIPS: Mentorship.objects.filter(
            mentor=participant, status=Mentorship.Status.COMPLETED
        ).count(),
        BadgeClass.Rule.PROFILE_COMPLETE: 0 if participant.missing_optional_fields() else 1,
    }


def earned(badge, counts):
    return badge.rule != BadgeClass.Rule.MANUAL and counts.get(badge.rule, 0) >= badge.threshold
