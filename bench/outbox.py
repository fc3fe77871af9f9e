"""The outbox under load: 10,000 clinic reminders and 10,000 announcement copies through a local SMTP sink, sent by a
real Celery worker, once normally and once with the worker killed (SIGKILL) mid-way and started again.

Run with `make bench`, or `.venv/bin/python bench/outbox.py` alone (about 5 minutes; `--workers N`, default 2, the
worker's concurrency). It uses its own PostgreSQL database, `letsconnect_bench_outbox` (on the server DATABASE_URL
names when that is PostgreSQL), created and migrated if missing, with 10,000 participants in six languages and time
zones registered for 50 clinics starting in 20 hours (so each is owed a 24-hour reminder) who accept announcements.
The broker is the Redis of REDIS_URL; the worker and beat run as the Procfile runs them (beat in a process of its
own, the outbox's production lease and sweep). The SMTP sink (aiosmtpd) runs in a process of its own and notes the
Message-ID of every message it accepts: the outbox gives each row one Message-ID, whatever the attempt, so a copy
sent twice shows as a repeated Message-ID.

- rate: the outbox's messages per second in the normal run (from the commit that wrote the rows to the last
  message marked sent), over the rate of raw `smtplib` sending the same number of messages of the same size,
  built beforehand, over one connection to the same sink in the same run;
- kill: the worker's process group is killed by SIGKILL once 40% are delivered; it is started again at once.
  lost = rows never delivered; duplicates = messages delivered twice; resumed = seconds from the kill until every
  row the dead worker held under lease was delivered (taken over by beat's sweep once the lease ended).
"""

import argparse
import asyncio
import os
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/letsconnect_bench_outbox"
PARTICIPANTS = 10_000
CLINICS = 50
KILL_AT = 0.4
PEOPLE = [
    ("en", ""),
    ("fr", "Europe/Paris"),
    ("es", "America/Bogota"),
    ("ar", "Africa/Cairo"),
    ("pt", "America/Sao_Paulo"),
    ("sw", "Africa/Nairobi"),
]


def run_sink(port, path):
    """The SMTP sink process: accept every message and note its Message-ID, one line each."""
    import re

    from aiosmtpd.controller import Controller

    message_id = re.compile(rb"^Message-ID: (<[^>]*>)", re.M | re.I)
    out = open(path, "ab", buffering=0)  # noqa: SIM115 -- open for the life of the process

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            found = message_id.search(envelope.original_content)
            out.write((found.group(1) if found else b"<none>") + b"\n")
            return "250 Message accepted for delivery"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)  # noqa: T201 -- the parent waits for this line
    asyncio.run(asyncio.Event().wait())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def received(path, offset):
    with open(path, "rb") as file:
        file.seek(offset)
        return [line.strip().decode() for line in file if line.strip()]


def size(path):
    return os.path.getsize(path)


def build(now):
    """10,000 people registered a week ago for 50 clinics starting in 20 hours, who accept announcements."""
    from django.db import transaction

    from clinics.models import Clinic, Registration, Topic
    from mail.models import Email
    from participants.models import Participant, User

    with transaction.atomic():
        Email.objects.all().delete()
        Clinic.objects.all().delete()
        if Participant.objects.count() < PARTICIPANTS:
            User.objects.all().delete()
            users = User.objects.bulk_create(
                (
                    User(username=f"person{n}", email=f"person{n}@bench.invalid", password="!")  # noqa: S106
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
                        announcements_enabled=True,
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


def write_rows(now):
    """Plan the reminders and approve an announcement: 20,000 rows, each kind in its own transaction. Returns the
    seconds it took and when the first commit (the reminders, which start the sender) was made."""
    from clinics import reminders
    from outreach import services
    from outreach.models import Announcement

    announcement = Announcement.objects.create(
        subject_en="Learning Clinics this month",
        body_en="Three clinics are coming, with interpretation into Spanish, French, Arabic and Portuguese.\n" * 5,
        subject_es="Clínicas de aprendizaje este mes",
        body_es="Llegan tres clínicas, con interpretación al español, francés, árabe y portugués.\n" * 5,
    )
    started = time.monotonic()
    reminders.plan(now=now)
    first_commit = time.monotonic()  # from here the worker sends
    services.approve_announcement(announcement_id=announcement.pk, user=None)
    return time.monotonic() - started, first_commit


def raw_messages(count):
    """`count` messages as the outbox builds them (a reminder and an announcement, composed for real people),
    to different addresses, built beforehand: what raw smtplib sends."""
    from django.conf import settings

    from mail import sender

    samples = _samples()
    messages = []
    for number in range(count):
        row, draft = samples[number % len(samples)]
        to = f"raw{number}@bench.invalid"
        message = sender.build(row, draft, to=to)
        messages.append((settings.DEFAULT_FROM_EMAIL, [to], message.message().as_bytes(linesep="\r\n")))
    return messages


def _samples():
    """(row, draft) of 60 reminders and 60 announcement copies, composed as the outbox composes them."""
    from mail import composers
    from mail.models import Email

    samples = []
    for kind in (Email.Kind.REMINDER, Email.Kind.ANNOUNCEMENT):
        rows = list(Email.objects.filter(kind=kind).select_related("recipient").order_by("pk")[:60])
        drafts = composers.compose(kind, rows)
        samples += [(row, drafts[row.pk]) for row in rows]
    return samples


def raw_django(count):
    """Seconds to send `count` messages without the outbox, as features sent before it (and as the earlier
    announcement benchmark measured "raw"): each built by Django's EmailMessage from the same drafts and sent at
    once over one connection of Django's SMTP backend. No rows, leases or marks: what the outbox adds is the rest."""
    from django.core.mail import get_connection

    from mail import sender

    samples = _samples()
    started = time.perf_counter()
    with get_connection() as connection:
        for number in range(count):
            row, draft = samples[number % len(samples)]
            connection.send_messages([sender.build(row, draft, to=f"django{number}@bench.invalid")])
    return time.perf_counter() - started


def raw_smtp(port, messages):
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for sender_address, recipients, content in messages:
            client.sendmail(sender_address, recipients, content)
    return time.perf_counter() - started


class Worker:
    """`celery worker` as the Procfile starts it, in a process group of its own (so that SIGKILL takes its
    children with it)."""

    def __init__(self, environment, concurrency):
        self.environment, self.concurrency, self.started = environment, concurrency, 0
        self.process = None

    def start(self):
        from letsconnect.celery import app

        self.started += 1
        name = f"bench-outbox-{os.getpid()}-{self.started}@localhost"
        command = [sys.executable, "-m", "celery", "-A", "letsconnect", "worker", "--concurrency",
                   str(self.concurrency), "--without-gossip", "--without-mingle", "-n", name,
                   "--loglevel", "ERROR"]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603 -- our own interpreter and a fixed command
            command, cwd=benchdb.ROOT, env=self.environment, start_new_session=True
        )
        deadline = time.monotonic() + 90
        while not app.control.ping(destination=[name], timeout=0.5):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        """A warm shutdown, as a deployment stops it: the main process lets its children finish their task."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until_sent(*, timeout=600):
    from mail.models import Email

    deadline = time.monotonic() + timeout
    while Email.objects.filter(state__in=[Email.State.PENDING, Email.State.SENDING]).exists():
        if time.monotonic() > deadline:
            raise RuntimeError("the outbox did not finish in time")
        time.sleep(0.2)
    return time.monotonic()


def run(*, sink_path, kill, worker, now):
    """One send of the 20,000 rows; returns the figures."""
    from mail import sender
    from mail.models import Email

    build(now)
    offset = size(sink_path)
    worker.start()
    write_seconds, started = write_rows(now)
    rows = list(Email.objects.all())
    expected = {sender.message_id(row) for row in rows}
    figures = {"rows": len(rows), "write_seconds": write_seconds}
    if kill:
        while len(received(sink_path, offset)) < KILL_AT * len(rows):
            time.sleep(0.05)
        worker.kill()
        killed_at = time.monotonic()
        leased = list(Email.objects.filter(state=Email.State.SENDING).values_list("pk", flat=True))
        figures["delivered_at_kill"] = len(received(sink_path, offset))
        figures["leased_at_kill"] = len(leased)
        worker.start()
        figures["restart_seconds"] = time.monotonic() - killed_at
        while Email.objects.filter(pk__in=leased).exclude(state=Email.State.SENT).exists():
            if time.monotonic() - killed_at > 600:
                raise RuntimeError("the dead worker's rows were never taken over")
            time.sleep(0.2)
        figures["resumed_seconds"] = time.monotonic() - killed_at
    finished = wait_until_sent()
    worker.stop()
    copies = Counter(received(sink_path, offset))
    figures["seconds"] = finished - started
    figures["sent"] = len(expected & set(copies))
    figures["lost"] = len(expected - set(copies))
    figures["duplicates"] = sum(copies.values()) - len(copies)
    figures["states"] = dict(Counter(Email.objects.values_list("state", flat=True)))
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2, help="the worker's concurrency (processes)")
    parser.add_argument("--sink", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.sink:
        run_sink(int(options.sink[0]), options.sink[1])
        return

    port = free_port()
    sink_path = Path(tempfile.mkdtemp(prefix="bench-outbox-")) / "received"
    sink_path.touch()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    os.environ["MAIL_RATE"] = "1000000"  # the sender itself, not the configured pace
    benchdb.setup_django(DEFAULT_DATABASE_URL)

    from django.core.management import call_command
    from django.utils import timezone

    from mail.marks import IN_FLIGHT

    call_command("migrate", "--noinput", verbosity=0)
    sink = subprocess.Popen(  # noqa: S603 -- this very script
        [sys.executable, __file__, "--sink", str(port), str(sink_path)], stdout=subprocess.PIPE, text=True
    )
    environment = os.environ | {"PYTHONUNBUFFERED": "1"}
    beat_schedule = sink_path.parent / "beat-schedule"
    beat = subprocess.Popen(  # noqa: S603 -- our own interpreter and a fixed command
        [sys.executable, "-m", "celery", "-A", "letsconnect", "beat", "--schedule", str(beat_schedule),
         "--loglevel", "ERROR"], cwd=benchdb.ROOT, env=environment, start_new_session=True,
    )  # fmt: skip
    worker = Worker(environment, options.workers)
    try:
        sink.stdout.readline()
        now = timezone.now()
        normal = run(sink_path=sink_path, kill=False, worker=worker, now=now)
        messages = raw_messages(normal["rows"])
        raw_seconds = raw_smtp(port, messages)
        django_seconds = raw_django(normal["rows"])
        killed = run(sink_path=sink_path, kill=True, worker=worker, now=now)
    finally:
        worker.stop()
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=30)
        sink.terminate()
        sink.wait(timeout=10)
    in_flight = options.workers * (IN_FLIGHT)
    outbox_rate = normal["sent"] / normal["seconds"]
    raw_rate = len(messages) / raw_seconds
    django_rate = normal["rows"] / django_seconds
    load = os.getloadavg()
    size_bytes = sum(len(content) for _from, _to, content in messages) / len(messages)
    print(  # noqa: T201 -- a benchmark prints its figures
        f"{normal['rows']:,} rows (10,000 reminders, 10,000 announcement copies), messages of {size_bytes:,.0f} bytes; "
        f"worker concurrency {options.workers}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}\n"
        f"  writing the rows (plan reminders, approve the announcement): {normal['write_seconds']:.1f} s\n"
        f"  normal run: {normal['sent']:,} sent in {normal['seconds']:.1f} s, {outbox_rate:,.0f} messages/s; "
        f"lost {normal['lost']}, duplicates {normal['duplicates']}; states {normal['states']}\n"
        f"  raw smtplib, same sink, one connection, messages built beforehand: {raw_rate:,.0f} messages/s "
        f"({raw_seconds:.1f} s); the outbox at {outbox_rate / raw_rate:.2f} of it\n"
        f"  raw SMTP as sent before the outbox (Django's EmailMessage built and sent, one connection): "
        f"{django_rate:,.0f} messages/s ({django_seconds:.1f} s)\n"
        f"  killed run: SIGKILL at {killed['delivered_at_kill']:,} delivered, {killed['leased_at_kill']} rows leased; "
        f"restarted in {killed['restart_seconds']:.1f} s; the leased rows sent {killed['resumed_seconds']:.1f} s "
        f"after the kill; all sent in {killed['seconds']:.1f} s; states {killed['states']}; "
        f"duplicates at most {in_flight} ({options.workers} processes x {IN_FLIGHT} in flight)"
    )
    print(  # noqa: T201
        f"outbox: sent {killed['sent']}, lost {killed['lost']}, duplicates {killed['duplicates']}, "
        f"resumed in {killed['resumed_seconds']:.0f} s, rate {outbox_rate / raw_rate:.2f} of raw SMTP"
    )


if __name__ == "__main__":
    main()
