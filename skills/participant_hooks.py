"""What the skills app adds to a participant's profile and data download, and how its directory follows them."""

from . import services
from .models import Mentorship, Message, ParticipantSkill


def refresh_directory_entry(sender, participant, **kwargs):
    services.refresh_directory_entries(participant_ids=[participant.pk])


def remove_directory_entry(sender, participant, **kwargs):
    services.remove_directory_entry(participant_id=participant.pk)


def record_sign_in(sender, user, **kwargs):
    services.record_sign_in(user_id=user.pk)


def _rows(participant):
    return list(ParticipantSkill.objects.filter(participant=participant).select_related("skill__category"))


def profile_section(sender, participant, **kwargs):
    rows = _rows(participant)
    return {
        "template": "skills/profile_section.html",
        "shares": [row for row in rows if row.kind == ParticipantSkill.Kind.SHARE],
        "learns": [row for row in rows if row.kind == ParticipantSkill.Kind.LEARN],
    }


def skills_export(sender, participant, **kwargs):
    return "skills", [{"skill": row.skill.slug, "kind": row.kind, "level": row.level} for row in _rows(participant)]


def messages_export(sender, participant, **kwargs):
    rows = Message.objects.filter(sender=participant).select_related("recipient")
    return "messages_sent", [
        {"to": row.recipient.display_name, "sent_at": row.created_at.isoformat(), "body": row.body} for row in rows
    ]


def mentorships_export(sender, participant, **kwargs):
    rows = Mentorship.objects.involving(participant).select_related("mentor", "mentee", "skill")
    return "mentorships", [
        {
            "role": "mentor" if row.mentor_id == participant.pk else "mentee",
            "with": row.other(participant).display_name,
            "skill": row.skill.slug,
            "status": row.status,
            "requested_at": row.created_at.isoformat(),
        }
        for row in rows
    ]
