"""Tasks really run: a Celery worker process executes them from Redis."""

import os
import signal
import time
from pathlib import Path

from letsconnect.celery import ping


def test_a_worker_executes_a_task_sent_through_redis(celery_worker):
    result = ping.apply_async(queue=celery_worker)

    assert result.get(timeout=20) == "pong"
    assert result.successful()


def test_the_broker_is_redis(settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")


def test_a_killed_workers_embedded_beat_does_not_outlive_the_test(celery_workers, tmp_path):
    worker = celery_workers.start(beat_schedule=tmp_path / "beat-schedule")
    deadline = time.monotonic() + 60
    while len(_group(worker.pid)) < 2 and time.monotonic() < deadline:  # the worker and its beat
        time.sleep(0.2)
    assert len(_group(worker.pid)) >= 2
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()

    celery_workers.stop()

    assert _group(worker.pid) == []


def _group(pgid):
    """The live processes of a process group (zombies left out)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[2]) == pgid and stat[0] != "Z":
                found.append(int(entry))
    return found
