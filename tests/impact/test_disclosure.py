"""No figure hidden as "fewer than 5" can be worked out from what the page, its charts and the staff's CSV show.

A reader's solver: every figure published (the staff CSV holds every figure of the page and its charts) becomes a
variable, fixed when shown, 1 to 4 when "fewer than 5", 5 or more when withheld; the sums that tie them and the
rounded percentage become constraints; integer programming then finds the least and the greatest value each hidden
figure can take. Before complementary suppression the solver finds the small figures exactly (the issue's
examples); after it, each can still be any of 1 to 4.
"""

import csv
import io
import re

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from clinics.models import Clinic
from impact import views
from tests.factories import ClinicFactory, ClinicSharerFactory, ParticipantFactory, UserFactory

from .conftest import at

pytestmark = pytest.mark.django_db
AS_OF = "2025-12-31"
HUGE = 10**6
UNDERREPRESENTED = {"CEECA", "ESEAP", "LAC", "MENA", "SA", "SSA"}


@pytest.fixture
def program():
    """48 participants who all shared: SSA 20, LAC 15, NWE 9 and NA 4 (shares from underrepresented regions:
    35 of 48, 73%); new per quarter of 2025: 3, 20, 25; shares by the clinic's language: en 40, fr 5, sw 3."""
    countries = ["KE"] * 20 + ["BR"] * 15 + ["DE"] * 9 + ["US"] * 4
    registered = [at(2025, 2, 1)] * 3 + [at(2025, 5, 1)] * 20 + [at(2025, 8, 1)] * 25
    languages = ["en"] * 40 + ["fr"] * 5 + ["sw"] * 3
    clinics = {
        code: ClinicFactory(status=Clinic.Status.HELD, start=at(2025, 10, 1), language=code)
        for code in ["en", "fr", "sw"]
    }
    for country, created_at, language in zip(countries, registered, languages, strict=True):
        sharer = ParticipantFactory(country_id=country, created_at=created_at)
        ClinicSharerFactory(participant=sharer, clinic=clinics[language])


def published_from_csv(client):
    client.force_login(UserFactory(is_staff=True))
    tables = {}
    for table in ("figures", "quarters", "regions", "languages"):
        response = client.get(f"/en/impact/{table}.csv?as_of={AS_OF}")
        tables[table] = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    return tables


def published_from_report(report):
    """What the CSVs would show of `report` (the same functions write them)."""
    return {
        table: [[str(cell) for cell in row] for row in list(rows(report))[1:]]
        for table, rows in views.CSV_TABLES.items()
    }


def hidden_ranges(tables):
    """{cell name: (least, greatest)} of every hidden figure, as a reader can work them out."""
    figures = {row[0]: row[1] for row in tables["figures"]}
    cells = {
        "participants": figures["participants"],
        "registered": figures["registered participants"],
        "unregistered": figures["unregistered attendees"],
    }
    quarters = [f"quarter {row[0]}-{row[1]}" for row in tables["quarters"]]
    cells.update(zip(quarters, (row[2] for row in tables["quarters"]), strict=True))
    regions = [row[0] or "unknown" for row in tables["regions"]]
    cells.update({f"people {code}": row[2] for code, row in zip(regions, tables["regions"], strict=True)})
    cells.update({f"shares {code}": row[3] for code, row in zip(regions, tables["regions"], strict=True)})
    languages = [row[0] for row in tables["languages"]]
    cells.update({f"shares in {code}": row[4] for code, row in zip(languages, tables["languages"], strict=True)})
    names = list(cells)
    index = {name: position for position, name in enumerate(names)}
    lower, upper = [], []
    for name in names:
        text = cells[name]
        if text in ("<5", "[c]"):
            low, high = (1, 4) if text == "<5" else (5, HUGE)
        else:
            low = high = int(text)
        lower.append(low)
        upper.append(high)

    rows, low_bounds, high_bounds = [], [], []

    def equal(plus, minus=()):
        row = np.zeros(len(names))
        for name in plus:
            row[index[name]] += 1
        for name in minus:
            row[index[name]] -= 1
        rows.append(row)
        low_bounds.append(0)
        high_bounds.append(0)

    equal(["registered", "unregistered"], ["participants"])
    equal(quarters, ["participants"])
    equal([f"people {code}" for code in regions], ["participants"])
    equal([f"shares {code}" for code in regions], [f"shares in {code}" for code in languages])
    percent = figures["shares from underrepresented regions (%)"]
    if percent.isdigit():
        # round(100 U / K) = p, half up: (2p - 1) K <= 200 U <= (2p + 1) K - 1
        p = int(percent)
        row = np.zeros(len(names))
        for code in regions:
            if code in UNDERREPRESENTED:
                row[index[f"shares {code}"]] += 200
            if code != "unknown":
                row[index[f"shares {code}"]] -= 2 * p - 1
        rows.append(row)
        low_bounds.append(0)
        high_bounds.append(np.inf)
        row = np.zeros(len(names))
        for code in regions:
            if code in UNDERREPRESENTED:
                row[index[f"shares {code}"]] -= 200
            if code != "unknown":
                row[index[f"shares {code}"]] += 2 * p + 1
        rows.append(row)
        low_bounds.append(1)
        high_bounds.append(np.inf)
    constraints = LinearConstraint(np.array(rows), low_bounds, high_bounds)
    bounds = Bounds(lower, upper)
    ranges = {}
    for name in names:
        if cells[name] != "<5":
            continue
        found = []
        for sign in (1, -1):
            objective = np.zeros(len(names))
            objective[index[name]] = sign
            result = milp(objective, constraints=constraints, bounds=bounds, integrality=np.ones(len(names)))
            assert result.success, result.message
            found.append(round(result.x[index[name]]))
        ranges[name] = tuple(found)
    return ranges


def test_before_complementary_suppression_a_reader_works_out_the_small_figures(program, figures):
    from datetime import date

    report = figures(as_of=date(2025, 12, 31))  # before suppression

    ranges = hidden_ranges(published_from_report(report))

    # The examples: NA's shares from the percentage and the other regions; a quarter from the total.
    assert ranges["shares NA"] == (4, 4)
    assert ranges["quarter 2025-1"] == (3, 3)
    assert ranges["people NA"] == (4, 4)
    assert ranges["shares in sw"] == (3, 3)


def test_after_complementary_suppression_every_small_figure_could_be_any_of_1_to_4(program, client):
    tables = published_from_csv(client)

    ranges = hidden_ranges(tables)

    assert ranges == {
        "quarter 2025-1": (1, 4),
        "people NA": (1, 4),
        "shares NA": (1, 4),
        "shares in sw": (1, 4),
    }
    # Withheld to protect them, the smallest figures that suffice; everything else is shown as it is.
    assert {row[0]: row[1] for row in tables["figures"]}["shares from underrepresented regions (%)"] == "73"
    assert [row[2] for row in tables["quarters"]] == ["<5", "[c]", "25", "0"]
    assert [row[2:] for row in tables["regions"] if row[0] in ("NA", "NWE")] == [["<5", "<5"], ["[c]", "[c]"]]
    assert [row[4] for row in tables["languages"]] == ["[c]", "5", "<5"]


def test_the_page_and_its_charts_hide_the_same_figures(program, client):
    page = client.get(f"/en/impact/?as_of={AS_OF}").content.decode()

    assert '<th scope="row">North America</th><td>no</td><td>fewer than 5</td><td>fewer than 5</td>' in page
    assert '<th scope="row">Northern and Western Europe</th><td>no</td><td>not shown</td><td>not shown</td>' in page
    # The chart of participants by region, sorted by its own figures: the hidden ones after the shown ones (by
    # name, not by size), then the zeros; a hidden figure gets no bar.
    chart = page[page.index("<figcaption>Participants by region</figcaption>") :]
    chart = chart[: chart.index("</svg>")]
    labels = re.findall(r'class="impact-chart__label"[^>]*>([^<]*)<', chart)
    assert labels[:4] == [
        "Sub-Saharan Africa",
        "Latin America and the Caribbean",
        "North America",
        "Northern and Western Europe",
    ]
    assert len([width for width in re.findall(r'<rect[^>]* width="([^"]*)"', chart) if float(width)]) == 2
    assert re.findall(r'impact-chart__value[^"]*"[^>]*>([^<]*)<', chart)[:4] == [
        "20",
        "15",
        "fewer than 5",
        "not shown",
    ]
