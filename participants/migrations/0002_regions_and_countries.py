"""Load the Wikimedia regions and the region of every country."""

from django.db import migrations

from participants.reference_data import load_countries, load_regions


def load(apps, schema_editor):
    load_regions(apps.get_model("participants", "Region"))
    load_countries(apps.get_model("participants", "Country"))


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
