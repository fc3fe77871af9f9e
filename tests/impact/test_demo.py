"""The demo data (`manage.py seed_demo`) shows every figure of the impact page, and a second run changes none."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from impact.report import Percentage
from participants.models import Participant

pytestmark = pytest.mark.django_db


def amount(figure):
    return figure.part if isinstance(figure, Percentage) else figure.value


def test_the_demo_program_shows_every_figure(client, figures):
    call_command("seed_demo", participants=120, stdout=io.StringIO())
    registered = list(Participant.objects.order_by("pk").values_list("created_at", flat=True))
    call_command("seed_demo", participants=120, stdout=io.StringIO())

    report = figures(as_of=timezone.now().date())
    shown = [
        report.participants,
        report.unregistered,
        report.countries,
        report.language_wikipedias,
        report.affiliates_share,
        report.clinics_held,
        report.topics,
        report.clinics_with_staff,
        report.underrepresented_shares,
        report.women_sharers,
        report.retention,
    ]
    assert [figure for figure in shown if figure.suppressed or not amount(figure)] == []
    assert len({(row.year, row.quarter) for row in report.quarters if row.participants.value}) >= 16
    assert list(Participant.objects.order_by("pk").values_list("created_at", flat=True)) == registered
    assert client.get("/ar/impact/").status_code == 200
