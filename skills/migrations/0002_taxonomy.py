"""Load the starting skills taxonomy with its translations."""

from django.db import migrations

from skills.taxonomy import load_taxonomy


def load(apps, schema_editor):
    load_taxonomy(apps.get_model("skills", "SkillCategory"), apps.get_model("skills", "Skill"))


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
