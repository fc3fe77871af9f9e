"""The starting set of badges (badges/data/badges.json), loaded by a data migration.

Upserts by slug, so running it again refreshes texts and translations without duplicating anything.
"""

import json
from pathlib import Path

BADGES_FILE = Path(__file__).resolve().parent / "data" / "badges.json"
TRANSLATED = ("name", "description", "criteria")


def load_badges(badge_model):
    for position, entry in enumerate(json.loads(BADGES_FILE.read_text(encoding="utf-8"))):
        texts = {}
        for field in TRANSLATED:
            texts[field] = entry[field]["en"]
            texts.update({f"{field}_{language}": text for language, text in entry[field].items()})
        badge_model.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "rule": entry["rule"],
                "threshold": entry["threshold"],
                "colour": entry["colour"],
                "symbol": entry["symbol"],
                "position": position,
                "active": True,
                **texts,
            },
        )
