"""Reference data shipped with the code: Wikimedia regions, the region of every country, affiliates.

The loaders take the model classes as arguments so that data migrations can pass their
historical models; they update rows in place and can run again without harm.
"""

import csv
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_FILE = DATA_DIR / "regions.json"
COUNTRIES_FILE = DATA_DIR / "countries.csv"


def load_regions(region_model):
    for row in json.loads(REGIONS_FILE.read_text(encoding="utf-8")):
        names = {f"name_{language}": name for language, name in row["name"].items()}
        region_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"]["en"], "underrepresented": row["underrepresented"], **names}
        )


def load_countries(country_model):
    with COUNTRIES_FILE.open(encoding="utf-8", newline="") as csv_file:
        for row in csv.DictReader(csv_file):
            country_model.objects.update_or_create(
                code=row["country"],
                defaults={"region_id": row["region"] or None, "wikidata_qid": row["wikidata_qid"]},
            )


AFFILIATES_FILE = DATA_DIR / "affiliates.json"


def load_affiliates(affiliate_model):
    """Seed the affiliates; a liaison's later edits to kind or country are kept."""
    for row in json.loads(AFFILIATES_FILE.read_text(encoding="utf-8")):
        affiliate_model.objects.get_or_create(
            name=row["name"], defaults={"kind": row["kind"], "country_id": row["country"] or None}
        )
