"""What the skills app adds to a participant's profile and data download."""

from django.conf import settings

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


def search_terms(sender, participant, **kwargs):
    """Skill names in every shipped language, so a Spanish speaker finds fundraising sharers with "recaudación"."""
    fields = [f"name_{code}" for code, _name in settings.LANGUAGES]
    terms = {"share": [], "learn": []}
    rows = ParticipantSkill.objects.filter(participant=participant).values("kind", *[f"skill__{f}" for f in fields])
    for row in rows:
        terms[row.pop("kind")].extend(name for name in row.values() if name)
    return terms
