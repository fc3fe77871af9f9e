"""Seed the Wikimedia affiliates (chapters, thematic organisations, user groups)."""

from django.db import migrations

from participants.reference_data import load_affiliates


def load(apps, schema_editor):
    load_affiliates(apps.get_model("participants", "Affiliate"))


class Migration(migrations.Migration):
    dependencies = [("participants", "0003_profiles_languages_home_wikis_affiliates")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
