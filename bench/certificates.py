"""Print how long a certificate PDF takes to render, and how big it is, in English and in Arabic.

Needs no data: the certificates are built in memory (nothing is saved). Run with `make bench`.
"""

import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letsconnect.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
django.setup()

from badges.certificates import render_certificate_pdf  # noqa: E402 -- after django.setup()
from badges.models import Certificate  # noqa: E402

ROUNDS = 20
CASES = {
    "en": ("Neema Mwangi", "Writing grant reports that funders read", "Grants"),
    "ar": ("نزار القباني", "ورشة تحرير ويكيبيديا للمبتدئين", "إدارة المنح"),
}


def main():
    for language, (name, title, topic) in CASES.items():
        for clinic_count in (1, 10, 50):
            clinics = [{"title": title, "topic": topic, "start": "2026-03-12T14:00:00+03:00"}] * clinic_count
            certificate = Certificate(
                kind="participation",
                language=language,
                holder_name=name,
                clinics=clinics,
                issued_at=datetime(2026, 11, 29, tzinfo=UTC),
            )
            render_certificate_pdf(certificate)  # warm up: fonts parsed once per process
            durations = []
            for _round in range(ROUNDS):
                started = time.perf_counter()
                data = render_certificate_pdf(certificate)
                durations.append(time.perf_counter() - started)
            print(  # noqa: T201
                f"{language} {clinic_count:>2} clinics: median {statistics.median(durations) * 1000:.0f} ms, "
                f"max {max(durations) * 1000:.0f} ms, {len(data) / 1024:.0f} KiB"
            )


if __name__ == "__main__":
    main()
