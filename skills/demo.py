"""Demo skills for `manage.py seed_demo`: what the demo participants share and want to learn."""

from participants.models import Participant
from participants.services import refresh_search_document

from . import services
from .models import ParticipantSkill, Skill


def seed(*, rng, options):
    skills = list(Skill.objects.order_by("pk"))
    participants = list(Participant.objects.filter(user__username__startswith="demo-").order_by("pk"))
    with_skills = set(ParticipantSkill.objects.values_list("participant_id", flat=True).distinct())
    links = []
    for participant in participants:
        # Draw for everyone, so that a second run makes the same choices.
        shares = rng.sample(skills, k=rng.randint(0, 4))
        learns = [skill for skill in rng.sample(skills, k=rng.randint(1, 4)) if skill not in shares]
        if participant.pk in with_skills:
            continue
        links += [
            ParticipantSkill(
                participant=participant, skill=skill, kind="share", level=rng.choice(["some", "experienced", "expert"])
            )
            for skill in shares
        ]
        links += [ParticipantSkill(participant=participant, skill=skill, kind="learn") for skill in learns]
    ParticipantSkill.objects.bulk_create(links)
    for participant in Participant.objects.filter(search_name="").select_related("user"):
        refresh_search_document(participant=participant)
    services.refresh_directory_entries()
    return f"{len(links)} skills shared or wanted"
