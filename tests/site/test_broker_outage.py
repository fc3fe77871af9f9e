"""Redis down: an RSVP is still saved and answered at once; its email waits in PostgreSQL and goes out, once, after
Redis is back (a real site process, a real worker and beat, a Redis of the test's own, a real SMTP server)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from clinics.models import Registration
from letsconnect.models import DeferredTask
from mail.models import Email
from tests.conftest import BASE_DIR
from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.outage

RSVP_IN_ANOTHER_PROCESS = """
import time
from django.test import Client
from participants.models import User
client = Client()
client.force_login(User.objects.get(pk={user}))
started = time.monotonic()
response = client.post("{url}")
print(response.status_code, round(time.monotonic() - started, 1))
"""


def test_an_rsvp_while_redis_is_down_is_saved_at_once_and_its_email_goes_out_once_redis_is_back(
    celery_workers, smtp_sink, private_redis, tmp_path
):
    participant = ParticipantFactory(user__email="ana@example.org")
    clinic = ClinicFactory(title="Grants 101")
    db = settings.DATABASES["default"]
    site_environment = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": private_redis["url"],
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    private_redis["stop"]()

    # The site, in a process of its own, with its Redis down.
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", RSVP_IN_ANOTHER_PROCESS.format(
            user=participant.user.pk, url=clinic.get_absolute_url() + "rsvp/")],
        cwd=BASE_DIR, env=os.environ | site_environment, capture_output=True, text=True,
    )  # fmt: skip
    status, seconds = done.stdout.split()[-2:]

    registration = Registration.objects.get()
    assert (status, float(seconds) < 2, registration.status) == ("302", True, "registered"), done.stderr[-2000:]
    assert list(DeferredTask.objects.values_list("name", "args")) == [("mail.send_due", [])]
    assert list(Email.objects.values_list("kind", "context")) == [
        ("rsvp", {"registration": registration.pk, "event": "registered"})
    ]

    # Redis is back; beat queues the kept task again and a worker sends the email, once.
    private_redis["restart"]()
    celery_workers.start(
        env=site_environment | {"EMAIL_URL": smtp_sink.url, "DEFERRED_REPLAY_SECONDS": "1"},
        wait=False,
        beat_schedule=tmp_path / "beat-schedule",
    )

    messages = smtp_sink.wait_for(1, timeout=60)
    smtp_sink.wait_for(2, timeout=4)  # nothing more comes
    assert [(message["To"], message["Subject"]) for message in smtp_sink.messages] == [
        ("ana@example.org", "[Let's Connect] You are registered: Grants 101")
    ]
    assert (len(messages), DeferredTask.objects.count()) == (1, 0)
