"""Redis down: an RSVP is still saved and answered at once; its email waits in PostgreSQL and goes out after."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from clinics.models import Registration
from letsconnect.celery import replay_deferred_tasks
from letsconnect.models import DeferredTask
from tests.factories import ClinicFactory, ParticipantFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent

RSVP_IN_ANOTHER_PROCESS = """
import time
from django.test import Client
client = Client()
client.force_login(__import__("participants.models", fromlist=["User"]).User.objects.get(pk={user}))
started = time.monotonic()
response = client.post("{url}")
print(response.status_code, round(time.monotonic() - started, 1))
"""


def _unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_an_rsvp_while_redis_is_down_is_saved_at_once_and_its_email_goes_out_once_redis_is_back(mailoutbox):
    participant = ParticipantFactory(user__email="ana@example.org")
    clinic = ClinicFactory(title="Grants 101")
    db = settings.DATABASES["default"]
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:{_unused_port()}/0",  # nothing listens there: Redis is down
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    script = RSVP_IN_ANOTHER_PROCESS.format(user=participant.user.pk, url=clinic.get_absolute_url() + "rsvp/")

    # The site runs in a process of its own, configured with the unreachable Redis.
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    status, seconds = done.stdout.split()[-2:]

    assert (status, float(seconds) < 2) == ("302", True), done.stderr[-2000:]
    assert Registration.objects.get().status == Registration.Status.REGISTERED
    assert list(DeferredTask.objects.values_list("name", "args")) == [
        ("clinics.tasks.send_registration_email", [Registration.objects.get().pk, "registered"])
    ]
    assert mailoutbox == []

    # Redis is back (this process's own): the beat's replay queues the task, and the email goes out once.
    replay_deferred_tasks()
    replay_deferred_tasks()

    assert [(email.to, email.subject) for email in mailoutbox] == [
        (["ana@example.org"], "[Let's Connect] You are registered: Grants 101")
    ]
    assert DeferredTask.objects.count() == 0
