"""Time the clinic reminder sweep sending 10,000 due reminders to a local SMTP server, against a plain-SMTP ceiling.

Run with `make bench`, or `.venv/bin/python bench/reminders.py` alone. It uses its own PostgreSQL database,
`letsconnect_bench_reminders` (on the server DATABASE_URL names when that is PostgreSQL, else 127.0.0.1),
created and migrated if missing. Each run empties the ledger, so the same 10,000 reminders are due again.
The SMTP server is aiosmtpd's `Sink` handler in a process of its own (accepts and drops every message).
"""

import os
import smtplib
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DATABASE_NAME = "letsconnect_bench_reminders"
PARTICIPANTS = 10_000
CLINICS = 50  # 200 registered people each
SENDERS = int(sys.argv[1]) if len(sys.argv) > 1 else None  # default: the REMINDER_SENDERS setting
# Languages and time zones of the recipients, so every message is rendered as real ones are.
PEOPLE = [
    ("en", ""),
    ("fr", "Europe/Paris"),
    ("es", "America/Bogota"),
    ("ar", "Africa/Cairo"),
    ("pt", "America/Sao_Paulo"),
    ("sw", "Africa/Nairobi"),
]


def bench_database_url():
    """DATABASE_NAME on the PostgreSQL server DATABASE_URL names (else 127.0.0.1); created if missing."""
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(url)
    maintenance_url = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
    return urlunsplit((parts.scheme, parts.netloc, f"/{DATABASE_NAME}", parts.query, ""))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SMTP_PORT = free_port()
os.environ["DATABASE_URL"] = bench_database_url()
os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{SMTP_PORT}"
os.environ["DJANGO_SETTINGS_MODULE"] = "letsconnect.settings"
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-to-serve-anything")
os.environ["ALLOWED_HOSTS"] = "*"
django.setup()

from django.conf import settings  # noqa: E402 -- after django.setup()
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from clinics import reminders  # noqa: E402
from clinics.models import Clinic, Registration, Reminder, Topic  # noqa: E402
from participants.models import Participant, User  # noqa: E402


@transaction.atomic
def build(now):
    """10,000 people registered a week ago for 50 clinics starting in 20 hours: every 24-hour reminder is due."""
    Reminder.objects.all().delete()
    Clinic.objects.all().delete()
    if Participant.objects.count() < PARTICIPANTS:
        User.objects.all().delete()
        users = User.objects.bulk_create(
            (
                User(username=f"person{n}", email=f"person{n}@bench.invalid", password="!")  # noqa: S106 -- nobody signs in
                for n in range(PARTICIPANTS)
            ),
            batch_size=2000,
        )
        Participant.objects.bulk_create(
            (
                Participant(
                    user=user,
                    display_name=f"Person {n}",
                    country_id="KE",
                    email_language=PEOPLE[n % len(PEOPLE)][0],
                    time_zone=PEOPLE[n % len(PEOPLE)][1],
                )
                for n, user in enumerate(users)
            ),
            batch_size=2000,
        )
    topic, _ = Topic.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    clinics = [
        Clinic.objects.create(
            title=f"Clinic {n}", topic=topic, start=now + timedelta(hours=20, minutes=n), status="scheduled"
        )
        for n in range(CLINICS)
    ]
    people = list(Participant.objects.order_by("pk").values_list("pk", flat=True))
    Registration.objects.bulk_create(
        (
            Registration(clinic=clinics[n % CLINICS], participant_id=pk, created_at=now - timedelta(days=7))
            for n, pk in enumerate(people)
        ),
        batch_size=2000,
    )


def rendered_messages(now):
    """The exact messages the sweep sends, rendered once (by a sweep that is then rolled back)."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        with transaction.atomic():
            reminders.sweep(now=now, senders=1)  # inside this transaction: in this thread
            transaction.set_rollback(True)
        messages = [
            (message.from_email, message.recipients(), message.message().as_bytes(linesep="\r\n"))
            for message in mail.outbox
        ]
    mail.outbox = []
    return messages


def plain_smtp(messages):
    """The ceiling: one smtplib connection sending pre-rendered messages, nothing else."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", SMTP_PORT) as client:
        for sender, recipients, content in messages:
            client.sendmail(sender, recipients, content)
    return time.perf_counter() - started


def main():
    call_command("migrate", "--noinput", verbosity=0)
    sink = subprocess.Popen(  # noqa: S603 -- our own interpreter and a fixed command
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{SMTP_PORT}"]
    )
    try:
        now = timezone.now()
        started = time.perf_counter()
        build(now)
        print(f"built {PARTICIPANTS:,} due registrations in {time.perf_counter() - started:.1f} s")  # noqa: T201
        messages = rendered_messages(now)
        assert len(messages) == PARTICIPANTS, len(messages)  # noqa: S101 -- the bench measures the real thing

        queries = []

        def count(execute, *args):
            queries.append(1)
            return execute(*args)

        def count_queries_of(sender, connection, **kwargs):  # every sender thread opens its own connection
            connection.execute_wrappers.append(count)

        connection_created.connect(count_queries_of)
        connection.execute_wrappers.append(count)
        started = time.perf_counter()
        result = reminders.sweep(now=now, senders=SENDERS)
        sweep_seconds = time.perf_counter() - started
        connection.execute_wrappers.remove(count)
        assert result.sent == PARTICIPANTS, result  # noqa: S101
        ceiling_seconds = plain_smtp(messages)
    finally:
        sink.terminate()
        sink.wait()
    size = sum(len(content) for _, _, content in messages) / len(messages)
    print(  # noqa: T201 -- a benchmark prints its figures
        f"{PARTICIPANTS:,} reminders of {size:,.0f} bytes, batches of {reminders.BATCH_SIZE}, "
        f"{SENDERS or settings.REMINDER_SENDERS} sender threads\n"
        f"  sweep (plan, claim, render in 6 languages, send, mark): {sweep_seconds:6.1f} s "
        f"{PARTICIPANTS / sweep_seconds:7,.0f} messages/s, {len(queries):,} queries\n"
        f"  plain SMTP ceiling (pre-rendered, one connection):      {ceiling_seconds:6.1f} s "
        f"{PARTICIPANTS / ceiling_seconds:7,.0f} messages/s\n"
        f"  sweep / ceiling: {ceiling_seconds / sweep_seconds:.2f}\n"
        f"  delivered: {result.sent:,} of {PARTICIPANTS:,}, each marked sent once in the ledger"
    )


if __name__ == "__main__":
    main()
