"""Every country belongs to the Wikimedia region the Foundation assigns it."""

import csv
from pathlib import Path

import pytest
from django.utils import translation
from django_countries import countries

from participants.models import Country, Region

pytestmark = pytest.mark.django_db

# A copy of the Foundation's canonical table (shared/data/countries_regions.csv), kept with the
# tests so that a clone anywhere can check the project's own table against it.
FOUNDATION_TABLE = Path(__file__).resolve().parent / "data" / "foundation_countries_regions.csv"


def test_the_eight_wikimedia_regions_exist_with_the_underrepresented_ones_marked():
    regions = dict(Region.objects.values_list("code", "underrepresented"))

    assert regions == {
        "CEECA": True,
        "ESEAP": True,
        "LAC": True,
        "MENA": True,
        "SA": True,
        "SSA": True,
        "NA": False,
        "NWE": False,
    }


def test_every_country_django_countries_knows_has_a_row():
    assert {str(country.code) for country in Country.objects.all()} == {country.code for country in countries}


def test_our_table_agrees_with_the_foundations_canonical_assignment():
    with FOUNDATION_TABLE.open(encoding="utf-8") as csv_file:
        canonical = {row["iso2"]: row["wmf_region_code"] or None for row in csv.DictReader(csv_file)}

    ours = dict(Country.objects.values_list("code", "region_id"))

    assert ours == canonical


def test_region_names_are_translated():
    with translation.override("fr"):
        assert Region.objects.get(code="SSA").name == "Afrique subsaharienne"
