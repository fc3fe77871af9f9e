"""The Wikidata items of the on-wiki skills that are a Wikimedia project (CapX keys its capacities by Wikidata item).

Only where the item is certainly the skill's: Wikipedia (Q52), Wikidata (Q2013), Wikimedia Commons (Q565),
Wikisource (Q263), Wiktionary (Q151). A QID a liaison already set is kept."""

from django.db import migrations

ITEMS = {
    "wikipedia-editing": "Q52",
    "wikidata": "Q2013",
    "wikimedia-commons": "Q565",
    "wikisource": "Q263",
    "wiktionary": "Q151",
}


def set_items(apps, schema_editor):
    Skill = apps.get_model("skills", "Skill")
    for slug, qid in ITEMS.items():
        Skill.objects.filter(slug=slug, wikidata_qid="").update(wikidata_qid=qid)


def unset_items(apps, schema_editor):
    Skill = apps.get_model("skills", "Skill")
    for slug, qid in ITEMS.items():
        Skill.objects.filter(slug=slug, wikidata_qid=qid).update(wikidata_qid="")


class Migration(migrations.Migration):
    dependencies = [("skills", "0005_directory_entry")]

    operations = [migrations.RunPython(set_items, unset_items)]
