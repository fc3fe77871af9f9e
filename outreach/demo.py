"""Demo outreach for `manage.py seed_demo`: some people accept announcements, two ambassadors, a draft."""

from participants.models import Participant, Region

from .models import Ambassador, Announcement

DRAFT_SUBJECT = "Learning Clinics in Spanish and Portuguese this spring"


def seed(*, rng, options):
    people = list(Participant.objects.order_by("pk").values_list("pk", flat=True))
    # Drawn before looking at the database, so that a second run draws the same.
    accepting = rng.sample(people, k=len(people) // 2)
    ambassadors = rng.sample(people, k=min(2, len(people)))
    Participant.objects.filter(pk__in=accepting).update(announcements_enabled=True)
    for pk in ambassadors:
        Ambassador.objects.get_or_create(participant_id=pk)
    announcement, created = Announcement.objects.get_or_create(
        subject_en=DRAFT_SUBJECT,
        defaults={
            "body_en": "Three clinics in Spanish and Portuguese are coming: see the Learning Clinics page.",
            "subject_es": "Clínicas de aprendizaje en español y portugués esta primavera",
            "body_es": "Llegan tres clínicas en español y portugués: consulta la página de clínicas.",
            "subject_pt": "Clínicas de aprendizagem em espanhol e português nesta primavera",
            "body_pt": "Três clínicas em espanhol e português estão chegando: veja a página das clínicas.",
            "languages": ["es", "pt"],
        },
    )
    if created:
        announcement.regions.set(Region.objects.filter(code="LAC"))
    return f"{len(accepting)} accept announcements, {len(ambassadors)} ambassadors, 1 draft announcement"
