"""Time the admin change page of a held clinic with 500 attendees, 300 registrations and 300 answers, as a liaison.

Run with `make bench`, or `.venv/bin/python bench/clinic_admin.py` alone. It uses its own PostgreSQL database
(DATABASE_URL if that is PostgreSQL, else `letsconnect_bench_clinic_admin` on 127.0.0.1), builds the clinic the
first time (a few seconds) and reuses it afterwards. Prints the server time (in-process, through Django's test
client, so without a network: wall clock, and the CPU time of this process, which a busy machine does not inflate),
the page's size and its queries; the targets are under 1 s and under 300 KB.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb

benchdb.setup_django("postgres://postgres@127.0.0.1:5432/letsconnect_bench_clinic_admin")

from django.contrib.auth.models import Group  # noqa: E402 -- after django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from clinics.models import Attendance, Clinic, Feedback, Registration, Topic  # noqa: E402
from participants.liaisons import LIAISON_GROUP  # noqa: E402
from participants.models import Participant, User  # noqa: E402

SLUG = "bench-held-clinic-500"
ATTENDEES, REGISTRATIONS, ANSWERS, OTHER_PEOPLE = 500, 300, 300, 400
ROUNDS = 20


@transaction.atomic
def build():
    topic, _created = Topic.objects.get_or_create(slug="bench-grants", defaults={"name": "Grants"})
    clinic = Clinic.objects.create(
        title="Grant writing for affiliates",
        slug=SLUG,
        topic=topic,
        start=timezone.now() - timedelta(days=3),
        status=Clinic.Status.HELD,
        planned_time_zone="Africa/Nairobi",
        interpretation_languages=["es", "fr"],
    )
    users = User.objects.bulk_create(
        User(username=f"bench-person-{n}", email=f"bench-person-{n}@example.org")
        for n in range(ATTENDEES + OTHER_PEOPLE)
    )
    people = Participant.objects.bulk_create(
        Participant(user=user, display_name=f"Bench Person {n}", country_id=("KE", "BR", "IN", "DE")[n % 4])
        for n, user in enumerate(users)
    )
    Registration.objects.bulk_create(Registration(clinic=clinic, participant=p) for p in people[:REGISTRATIONS])
    Attendance.objects.bulk_create(
        Attendance(clinic=clinic, participant=p, country_id=p.country_id, minutes=95) for p in people[:ATTENDEES]
    )
    Feedback.objects.bulk_create(
        Feedback(clinic=clinic, participant=p, rating=1 + n % 5, learned="How to budget a grant. " * 10)
        for n, p in enumerate(people[:ANSWERS])
    )
    liaison = User.objects.create(username="bench-liaison", is_staff=True)
    liaison.groups.add(Group.objects.get(name=LIAISON_GROUP))
    clinic.liaisons.add(liaison)
    return clinic


def main():
    call_command("migrate", verbosity=0)
    clinic = Clinic.objects.filter(slug=SLUG).first()
    if clinic is None:
        started = time.perf_counter()
        clinic = build()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"built the clinic in {time.perf_counter() - started:.1f} s")  # noqa: T201
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench-liaison"))
    path = reverse("admin:clinics_clinic_change", args=[clinic.pk])
    client.get(path)  # warm up templates, translations and connections
    durations, cpu = [], []
    for _round in range(ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        durations.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code  # noqa: S101 -- a benchmark stops on a broken page
    print(  # noqa: T201
        f"{path} ({clinic.attendances.count()} attendees, {clinic.registrations.count()} registrations, "
        f"{clinic.feedback.count()} answers): median {statistics.median(durations):.0f} ms "
        f"(CPU {statistics.median(cpu):.0f} ms), max {max(durations):.0f} ms, "
        f"{len(response.content) / 1024:.0f} KB, {len(queries)} queries, "
        f"{sum(float(query['time']) for query in queries.captured_queries) * 1000:.0f} ms in them; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
