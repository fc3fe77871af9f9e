"""Send one announcement to 20,000 recipients through a local SMTP sink, beside a plain one-connection sender.

Run with `make bench`, or `.venv/bin/python bench/announce.py` alone. It uses its own PostgreSQL database
(`letsconnect_bench_announce` on 127.0.0.1, or BENCH_ANNOUNCE_DATABASE_URL), builds 20,000 participants who accept
announcements the first time and reuses them afterwards. The SMTP sink (aiosmtpd, accepting messages and dropping
them) runs in a process of its own, so that it does not share the senders' interpreter. Both senders deliver the
same number of messages to the same sink: the plain one sends each recipient the subject and body in their language
over one connection, recording nothing; the outbox claims batches from the ledger, renders each message in its
recipient's language with its unsubscribe link and headers, and marks each row sent as the server accepts it.
Target: at least half the plain rate.
"""

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/letsconnect_bench_announce"
RECIPIENTS = 20_000
LANGUAGES = ["en", "en", "en", "es", "fr", "ar", "pt", "sw"]


def run_sink(port):
    """The SMTP sink process: accept every message, keep nothing."""
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            return "250 Message accepted for delivery"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)  # noqa: T201 -- the parent waits for this line
    asyncio.run(asyncio.Event().wait())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_database_url():
    url = os.environ.get("BENCH_ANNOUNCE_DATABASE_URL", DEFAULT_DATABASE_URL)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance_url = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url


def main():
    port = free_port()
    command = [sys.executable, __file__, "--sink", str(port)]
    sink = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603 -- this very script
    try:
        sink.stdout.readline()
        bench(port)
    finally:
        sink.terminate()
        sink.wait(timeout=10)


def bench(port):
    import django

    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "letsconnect.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-to-serve-anything")
    os.environ["ALLOWED_HOSTS"] = "*"
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    os.environ["OUTREACH_RATE"] = "1000000"  # measure the sender itself, not the configured pace
    django.setup()

    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.core.management import call_command

    from outreach import services
    from outreach.models import Announcement, Delivery

    call_command("migrate", verbosity=0)
    build()
    Delivery.objects.all().delete()
    Announcement.objects.all().delete()
    announcement = Announcement.objects.create(
        subject_en="Learning Clinics this month",
        body_en="Three clinics are coming, with interpretation into Spanish, French, Arabic and Portuguese.\n" * 5,
        subject_es="Clínicas de aprendizaje este mes",
        body_es="Llegan tres clínicas, con interpretación al español, francés, árabe y portugués.\n" * 5,
    )

    # The plain sender: one connection, the subject and body in each recipient's language, nothing recorded.
    from django.utils import translation

    from participants.models import Participant

    recipients = list(
        Participant.objects.filter(announcements_enabled=True).values_list("user__email", "email_language")[:RECIPIENTS]
    )
    texts = {}
    for language in set(LANGUAGES):
        with translation.override(language):
            texts[language] = (announcement.subject, announcement.body)
    started = time.perf_counter()
    with get_connection() as connection:
        for address, language in recipients:
            subject, body = texts[language]
            connection.send_messages([EmailMessage(subject, body, to=[address])])
    plain_seconds = time.perf_counter() - started

    # The outbox: approve (one ledger row per recipient), then batches until nothing is pending.
    started = time.perf_counter()
    services.approve_announcement(announcement_id=announcement.pk, user=None)
    approve_seconds = time.perf_counter() - started
    started = time.perf_counter()
    while services.send_announcement_batch(announcement_id=announcement.pk).more:
        pass
    outbox_seconds = time.perf_counter() - started
    sent = Delivery.objects.filter(announcement=announcement, status=Delivery.Status.SENT).count()

    plain_rate, outbox_rate = len(recipients) / plain_seconds, sent / outbox_seconds
    batch = settings.OUTREACH_BATCH_SIZE
    print(f"recipients: {len(recipients)}; batches of {batch}, one SMTP connection each")  # noqa: T201
    print(f"plain one-connection sender: {plain_rate:8.0f} messages/s ({plain_seconds:.1f} s)")  # noqa: T201
    print(f"outbox (ledger, rendered):   {outbox_rate:8.0f} messages/s ({outbox_seconds:.1f} s, {sent} sent)")  # noqa: T201
    print(f"approval (ledger rows):      {approve_seconds:.2f} s")  # noqa: T201
    print(f"outbox / plain: {outbox_rate / plain_rate:.0%} (target: at least 50%)")  # noqa: T201


def build():
    """20,000 participants who accept announcements, in the site's languages (built once, then reused)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from participants.models import Participant, User

    if Participant.objects.filter(announcements_enabled=True).count() >= RECIPIENTS:
        return
    unusable_password = make_password(None)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(username=f"bench{number}", email=f"person{number}@bench.invalid", password=unusable_password)
                for number in range(RECIPIENTS)
            ],
            batch_size=5000,
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    user=user,
                    display_name=f"Person {number}",
                    country_id="KE",
                    email_language=LANGUAGES[number % len(LANGUAGES)],
                    announcements_enabled=True,
                )
                for number, user in enumerate(users)
            ],
            batch_size=5000,
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sink"]:
        run_sink(int(sys.argv[2]))
    else:
        main()
