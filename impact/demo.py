"""Demo history for `manage.py seed_demo`, so that the impact page has years to show: the demo participants'
registration dates spread over the program's life (each before the first clinic they took part in), and a
country for some of the people who attended without registering, as `import_attendance` records it."""

import random
from datetime import UTC, datetime, time, timedelta

from django.db.models import Min
from django.utils import timezone

from clinics.demo import FIRST_CLINIC_DAY
from clinics.models import Attendance
from participants.demo import DEMO_PEOPLE, DEMO_USERNAME_PREFIX
from participants.models import Participant

# Share of the unregistered attendees whose country the meeting report gave.
UNREGISTERED_WITH_COUNTRY = 0.6
DEMO_SEED = 2022


def seed(*, rng, options):
    # A generator of its own: the apps before this one draw more or less on a second run.
    rng = random.Random(DEMO_SEED)
    program_start = datetime.combine(FIRST_CLINIC_DAY - timedelta(days=30), time(9), tzinfo=UTC)
    days = max((timezone.now() - program_start).days, 1)
    participants = list(
        Participant.objects.filter(user__username__startswith=DEMO_USERNAME_PREFIX)
        .annotate(first_attended=Min("attendances__clinic__start"), first_shared=Min("clinics_shared__clinic__start"))
        .order_by("pk")
    )
    for participant in participants:
        # Draw for everyone, changed or not, so that a second run draws the same.
        registered = program_start + timedelta(days=rng.randrange(days), minutes=rng.randrange(600))
        firsts = [day for day in (participant.first_attended, participant.first_shared) if day]
        participant.created_at = min([registered, *(first - timedelta(days=rng.randint(1, 20)) for first in firsts)])
    Participant.objects.bulk_update(participants, ["created_at"], batch_size=500)

    countries = [country for countries, _given, _family in DEMO_PEOPLE.values() for country in countries]
    unregistered = list(Attendance.objects.filter(participant=None, anonymous=False).order_by("pk"))
    located = []
    for attendance in unregistered:
        country = rng.choice(countries) if rng.random() < UNREGISTERED_WITH_COUNTRY else None
        if attendance.country_id is None and country:
            attendance.country_id = country
            located.append(attendance)
    Attendance.objects.bulk_update(located, ["country"], batch_size=500)
    return f"{len(participants)} registration dates spread over the program, {len(located)} attendees located"
