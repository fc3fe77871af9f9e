"""Load the starting set of badges with their translations."""

from django.db import migrations

from badges.catalogue import load_badges


def load(apps, schema_editor):
    load_badges(apps.get_model("badges", "BadgeClass"))


class Migration(migrations.Migration):
    dependencies = [("badges", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
