"""Demo topics, past and upcoming clinics and their attendance, for `manage.py seed_demo`."""

from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from participants.models import Participant
from skills.models import Skill

from .models import Attendance, Clinic, ClinicMaterial, ClinicSharer, Feedback, Topic

DEMO_TOPICS = {
    "Writing a grant proposal": {
        "es": "Escribir una propuesta de subvención",
        "fr": "Rédiger une demande de subvention",
        "ar": "كتابة مقترح منحة",
        "pt": "Escrever uma proposta de financiamento",
        "sw": "Kuandika pendekezo la ruzuku",
    },
    "Organising an edit-a-thon": {
        "es": "Organizar un editatón",
        "fr": "Organiser un éditathon",
        "ar": "تنظيم ماراثون تحرير",
        "pt": "Organizar uma editatona",
        "sw": "Kuandaa edit-a-thon",
    },
    "Wikidata for beginners": {
        "es": "Wikidata para principiantes",
        "fr": "Wikidata pour débutants",
        "ar": "ويكي بيانات للمبتدئين",
        "pt": "Wikidata para iniciantes",
        "sw": "Wikidata kwa wanaoanza",
    },
    "Volunteer retention": {
        "es": "Retención de voluntarios",
        "fr": "Fidéliser les bénévoles",
        "ar": "الحفاظ على المتطوعين",
        "pt": "Retenção de voluntários",
        "sw": "Kuwahifadhi wanaojitolea",
    },
    "Partnerships with GLAM institutions": {
        "es": "Alianzas con instituciones GLAM",
        "fr": "Partenariats avec les institutions GLAM",
        "ar": "الشراكات مع مؤسسات GLAM",
        "pt": "Parcerias com instituições GLAM",
        "sw": "Ushirikiano na taasisi za GLAM",
    },
    "Safe spaces at events": {
        "es": "Espacios seguros en los eventos",
        "fr": "Des espaces sûrs lors des événements",
        "ar": "مساحات آمنة في الفعاليات",
        "pt": "Espaços seguros em eventos",
        "sw": "Maeneo salama kwenye matukio",
    },
    "Measuring the impact of a program": {
        "es": "Medir el impacto de un programa",
        "fr": "Mesurer l’impact d’un programme",
        "ar": "قياس أثر البرنامج",
        "pt": "Medir o impacto de um programa",
        "sw": "Kupima matokeo ya programu",
    },
    "Using the Programs & Events Dashboard": {
        "es": "Usar el Programs & Events Dashboard",
        "fr": "Utiliser le Programs & Events Dashboard",
        "ar": "استخدام لوحة البرامج والفعاليات",
        "pt": "Usar o Programs & Events Dashboard",
        "sw": "Kutumia Programs & Events Dashboard",
    },
    "Photo contests on Wikimedia Commons": {
        "es": "Concursos de fotografía en Wikimedia Commons",
        "fr": "Concours photo sur Wikimedia Commons",
        "ar": "مسابقات الصور على ويكيميديا كومنز",
        "pt": "Concursos de fotografia no Wikimedia Commons",
        "sw": "Mashindano ya picha kwenye Wikimedia Commons",
    },
    "Governance of a user group": {
        "es": "Gobernanza de un grupo de usuarios",
        "fr": "Gouvernance d’un groupe d’utilisateurs",
        "ar": "حوكمة مجموعة المستخدمين",
        "pt": "Governança de um grupo de usuários",
        "sw": "Uongozi wa kikundi cha watumiaji",
    },
}
FIRST_CLINIC_DAY = date(2022, 4, 21)
UPCOMING_CLINICS = 4
UNREGISTERED_NAMES = [
    "Adaeze",
    "Bilal",
    "Chiara",
    "Dinh",
    "Esi",
    "Farid",
    "Gabriela",
    "Hoang",
    "Ikram",
    "Joaquín",
    "Kofi",
    "Leila",
]


def _topics():
    topics = []
    for name, translations in DEMO_TOPICS.items():
        fields = {"name": name, "name_en": name} | {f"name_{language}": text for language, text in translations.items()}
        topic, _created = Topic.objects.update_or_create(slug=slugify(name), defaults=fields)
        topics.append(topic)
    return topics


def _clinic(*, start, topic, status, language):
    """The demo clinic at this start time, created the first time round."""
    titles = {f"title_{code}": getattr(topic, f"name_{code}") for code in ("en", "es", "fr", "ar", "pt", "sw")}
    return Clinic.objects.get_or_create(
        start=start, defaults={"topic": topic, "title": topic.name_en, "status": status, "language": language, **titles}
    )


def _people_of(clinic, *, sharers, foundation_guest, raters, ratings):
    """Who shared at a past demo clinic, its recording and slides, and a little feedback."""
    ClinicSharer.objects.bulk_create(
        [ClinicSharer(clinic=clinic, participant_id=pk, position=index) for index, pk in enumerate(sharers)]
    )
    if foundation_guest:
        ClinicSharer.objects.create(
            clinic=clinic,
            name="Alex Guest",
            email=f"alex.guest.{clinic.pk}@example.org",
            foundation_staff=True,
            department="Community Programs",
            position=len(sharers),
        )
    clinic.recording_url = f"https://commons.wikimedia.org/wiki/File:Lets_Connect_clinic_{clinic.start:%Y-%m-%d}.webm"
    clinic.notes_url = f"https://etherpad.wikimedia.org/p/lets-connect-{clinic.start:%Y-%m-%d}"
    clinic.save(update_fields=["recording_url", "notes_url"])
    ClinicMaterial.objects.create(
        clinic=clinic,
        kind=ClinicMaterial.Kind.SLIDES,
        language=clinic.language,
        url=f"https://commons.wikimedia.org/wiki/File:Lets_Connect_slides_{clinic.start:%Y-%m-%d}.pdf",
    )
    Feedback.objects.bulk_create(
        [Feedback(clinic=clinic, participant_id=pk, rating=rating) for pk, rating in zip(raters, ratings, strict=True)]
    )


def seed(*, rng, options):
    topics = _topics()
    all_skills = list(Skill.objects.order_by("pk"))
    participants = list(Participant.objects.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    created = 0
    # Past clinics: one every three weeks since the program began, at 14:00 UTC.
    start = datetime.combine(FIRST_CLINIC_DAY, time(14), tzinfo=UTC)
    number = 0
    while start < now - timedelta(days=1):
        # Draw everything before looking at the database, so that a second run draws the same.
        topic, language = rng.choice(topics), rng.choice(["en", "en", "es", "fr", "ar", "pt"])
        attendees = rng.sample(participants, k=min(len(participants), rng.randint(12, 35)))
        sharers = rng.sample(participants, k=min(len(participants), rng.randint(1, 2)))
        foundation_guest = rng.random() < 0.3
        ratings = [rng.choice([3, 4, 4, 5, 5]) for _attendee in attendees[:5]]
        unregistered = rng.sample(UNREGISTERED_NAMES, k=rng.randint(3, 10))
        clinic, was_created = _clinic(start=start, topic=topic, status=Clinic.Status.HELD, language=language)
        if was_created:
            created += 1
            Attendance.objects.bulk_create([Attendance(clinic=clinic, participant_id=pk) for pk in attendees])
            Attendance.objects.bulk_create(
                [
                    Attendance(clinic=clinic, name=f"{name} {number}", email=f"{slugify(name)}.{number}@example.net")
                    for name in unregistered
                ]
            )
            _people_of(
                clinic, sharers=sharers, foundation_guest=foundation_guest, raters=attendees[:5], ratings=ratings
            )
        start += timedelta(weeks=3)
        number += 1
    # Upcoming clinics: the next few, every second Thursday from next week on.
    next_thursday = (now + timedelta(days=7 + (3 - now.weekday()) % 7)).date()
    for week in range(UPCOMING_CLINICS):
        start = datetime.combine(next_thursday + timedelta(weeks=2 * week), time(14), tzinfo=UTC)
        topic, skills = rng.choice(topics), rng.sample(all_skills, k=2)
        clinic, was_created = _clinic(start=start, topic=topic, status=Clinic.Status.SCHEDULED, language="en")
        if was_created:
            created += 1
            clinic.capacity = 100 if week else 3  # the first one fills up, to show the waitlist
            clinic.interpretation_languages = ["es", "fr", "ar", "pt"]
            clinic.meeting_url = "https://meet.example.org/lets-connect"
            clinic.purpose = f"A two-hour session on {topic.name_en.lower()}, with time for questions."
            clinic.audience = "Organisers of Wikimedia communities, from newcomers to experienced ones."
            clinic.save()
            clinic.skills.set(skills)
    return f"{len(topics)} topics, {created} clinics created"
