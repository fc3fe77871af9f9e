"""Operations on the skills participants share and want to learn."""

from django.db import transaction

from .models import ParticipantSkill


@transaction.atomic
def set_participant_skills(*, participant, shares, learns):
    """Make `participant`'s skills exactly `shares` ({skill: level}) and `learns` ({skill, ...})."""
    wanted = {(skill.pk, ParticipantSkill.Kind.SHARE): level for skill, level in shares.items()} | {
        (skill.pk, ParticipantSkill.Kind.LEARN): "" for skill in learns
    }
    existing = {(row.skill_id, row.kind): row for row in ParticipantSkill.objects.filter(participant=participant)}
    ParticipantSkill.objects.filter(pk__in=[row.pk for key, row in existing.items() if key not in wanted]).delete()
    for (skill_id, kind), level in wanted.items():
        row = existing.get((skill_id, kind))
        if row is None:
            ParticipantSkill.objects.create(participant=participant, skill_id=skill_id, kind=kind, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])
