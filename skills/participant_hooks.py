"""What the skills app adds to a participant's profile and data download."""

from .models import ParticipantSkill


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
