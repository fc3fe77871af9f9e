"""Print how long the main pages take to render, and how many queries they cost, on the configured database.

Run with `make bench` (after `make run` has seeded the demo data, or against any DATABASE_URL).
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letsconnect.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
django.setup()

from django.db import connection  # noqa: E402 -- after django.setup()
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from participants.models import Participant  # noqa: E402

PAGES = ["/en/", "/ar/", "/healthz", "/en/accounts/signup/"]
ROUNDS = 50


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    profile = Participant.objects.listed().order_by("pk").first()
    pages = [*PAGES, f"/en/people/{profile.user.username}/"] if profile else PAGES
    for path in pages:
        client.get(path)  # warm up caches and connections
        durations = []
        for _round in range(ROUNDS):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            durations.append((time.perf_counter() - started) * 1000)
        print(  # noqa: T201 -- a benchmark prints its figures
            f"{path:28} status {response.status_code}  median {statistics.median(durations):6.1f} ms  "
            f"p95 {statistics.quantiles(durations, n=20)[-1]:6.1f} ms  {len(queries)} queries  "
            f"{len(response.content) / 1024:5.1f} KiB"
        )


if __name__ == "__main__":
    main()
