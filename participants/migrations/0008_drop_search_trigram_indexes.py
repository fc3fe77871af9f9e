"""The directory now searches its own index (skills.DirectoryEntry): the profiles' trigram indexes go."""

from django.db import migrations


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in ("search_name", "search_about"):
            schema_editor.execute(f"DROP INDEX IF EXISTS participant_{column}_trgm")


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in ("search_name", "search_about"):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS participant_{column}_trgm "
                f"ON participants_participant USING gin ({column} gin_trgm_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("participants", "0007_search_about")]

    operations = [migrations.RunPython(drop_trigram_indexes, create_trigram_indexes)]
