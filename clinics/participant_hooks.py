"""What clinics keep about a participant: on their profile, in their data export, anonymised when they leave."""

from django.conf import settings

from .models import Attendance, Clinic, ClinicSharer, Feedback, Registration


def anonymise_attendance(sender, participant, **kwargs):
    """Keep the attendance as an anonymous count, so the program's figures stay right."""
    Attendance.objects.filter(participant=participant).update(
        participant=None, name="", email="", wikimedia_username="", anonymous=True
    )


def link_earlier_attendance(sender, participant, email, **kwargs):
    """Attendance recorded under `email` without an account is the participant's: counted once, as them. Where
    they are already recorded at that clinic as the participant, the row without the account goes."""
    earlier = Attendance.objects.filter(participant=None, anonymous=False, email__iexact=email.strip())
    already = set(Attendance.objects.filter(participant=participant).values_list("clinic_id", flat=True))
    # Row by row (a person has a handful): the saves tell the impact figures that the data changed.
    for attendance in earlier:
        if attendance.clinic_id in already:
            attendance.delete()
        else:
            attendance.participant = participant
            attendance.save(update_fields=["participant"])
            already.add(attendance.clinic_id)


def anonymise_shares(sender, participant, **kwargs):
    """Keep each share as an anonymous appearance (it still counts in the figures), without the person."""
    ClinicSharer.objects.filter(participant=participant).update(
        participant=None, name="", email="", affiliation="", department="", anonymous=True
    )


def shares_export(sender, participant, **kwargs):
    rows = ClinicSharer.objects.filter(participant=participant).select_related("clinic").order_by("clinic__start")
    return "clinics_shared", [{"clinic": row.clinic.title, "start": row.clinic.start.isoformat()} for row in rows]


def feedback_export(sender, participant, **kwargs):
    rows = Feedback.objects.filter(participant=participant).select_related("clinic").order_by("created_at")
    return "clinic_feedback", [
        {"clinic": row.clinic.title, "rating": row.rating, "learned": row.learned, "will_apply": row.will_apply}
        for row in rows
    ]


def attendance_export(sender, participant, **kwargs):
    rows = Attendance.objects.filter(participant=participant).select_related("clinic").order_by("clinic__start")
    return "clinics_attended", [{"clinic": row.clinic.title, "start": row.clinic.start.isoformat()} for row in rows]


def profile_section(sender, participant, viewer=None, **kwargs):
    # The clinics themselves, with only the columns the section shows (a clinic has dozens, in six languages).
    shown = ["slug", "start", "title", *(f"title_{code}" for code, _name in settings.LANGUAGES)]
    # Attendance (often imported by a liaison, not given by the person) shows to others only if they chose so.
    is_owner = viewer is not None and viewer.is_authenticated and viewer.pk == participant.user_id
    attendance_shown = participant.show_attendance or is_owner
    clinics = (
        list(
            Clinic.objects.filter(attendances__participant=participant, status=Clinic.Status.HELD)
            .only(*shown)
            .order_by("-start")
        )
        if attendance_shown
        else []
    )
    shared = list(
        Clinic.objects.filter(sharers__participant=participant)
        .exclude(status__in=[Clinic.Status.DRAFT, Clinic.Status.CANCELLED])
        .only(*shown)
        .order_by("-start")
    )
    return {
        "template": "clinics/profile_section.html",
        "attendance_shown": attendance_shown,
        "attendance_private": attendance_shown and not participant.show_attendance,
        "clinics_attended": clinics,
        "clinics_shared": shared,
    }


def skill_section(sender, skill, **kwargs):
    """On a skill's page: the upcoming clinics on it."""
    clinics = list(Clinic.objects.upcoming().filter(skills=skill).select_related("topic")[:5])
    return {"template": "clinics/skill_section.html", "clinics": clinics}


def registrations_export(sender, participant, **kwargs):
    rows = Registration.objects.filter(participant=participant).select_related("clinic").order_by("created_at")
    return "clinic_registrations", [
        {"clinic": row.clinic.title, "status": row.status, "registered_at": row.created_at.isoformat()} for row in rows
    ]
