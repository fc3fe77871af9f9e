"""The starting skills taxonomy (skills/data/taxonomy.json), loaded by a data migration.

Upserts by slug, so running it again refreshes names and translations without duplicating anything.
"""

import json
from pathlib import Path

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"


def _translated(field, values):
    return {f"{field}_{language}": text for language, text in values.items()} | {field: values["en"]}


def load_taxonomy(category_model, skill_model):
    for category_position, entry in enumerate(json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))):
        category, _created = category_model.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "position": category_position,
                **_translated("name", entry["name"]),
                **_translated("description", entry["description"]),
            },
        )
        for position, skill in enumerate(entry["skills"]):
            skill_model.objects.update_or_create(
                slug=skill["slug"],
                defaults={
                    "category": category,
                    "position": position,
                    "wikidata_qid": skill["wikidata_qid"],
                    **_translated("name", skill["name"]),
                    **_translated("description", skill["description"]),
                },
            )
