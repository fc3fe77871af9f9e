"""No CSV the site writes can hand a spreadsheet a formula: such cells start with an apostrophe."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from letsconnect.csv_files import neutralised
from participants.models import Affiliate, Region
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent
HYPERLINK = '=HYPERLINK("http://evil.example/?x","Alice")'


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (HYPERLINK, f"'{HYPERLINK}"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("Alice = Bob", "Alice = Bob"),
        ("", ""),
        (-5, -5),
        (12, 12),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(value, written):
    assert neutralised(value) == written


def test_the_liaisons_participant_export_neutralises_formulas(client):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)
    participant = ParticipantFactory(display_name=HYPERLINK, wikimedia_username="@Alice")
    participant.affiliates.add(Affiliate.objects.create(name="-Wikimedia Evil", kind="chapter"))

    export = client.post(
        reverse("admin:participants_participant_changelist"),
        {"action": "export_csv", "_selected_action": [participant.pk]},
    )

    row = dict(zip(*rows(export), strict=True))
    assert (row["display_name"], row["wikimedia_username"], row["affiliates"]) == (
        f"'{HYPERLINK}",
        "'@Alice",
        "'-Wikimedia Evil",
    )


def test_the_impact_tables_neutralise_formulas_in_names(client):
    client.force_login(UserFactory(is_staff=True))
    Region.objects.filter(code="MENA").update(name_en="=1+1")

    table = rows(client.get("/en/impact/regions.csv"))

    assert ["MENA", "'=1+1"] in [row[:2] for row in table]


def test_every_csv_the_site_writes_goes_through_the_shared_writer():
    """A new export that calls `csv.writer` itself would skip the neutralising: none may."""
    skipped = (".venv", "node_modules", "tests", "bench")
    own_writers = [
        str(path.relative_to(BASE_DIR))
        for path in BASE_DIR.rglob("*.py")
        if path.relative_to(BASE_DIR).parts[0] not in skipped
        and path != BASE_DIR / "letsconnect" / "csv_files.py"
        and re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]

    assert own_writers == []
