"""Directory search keeps only names and bios per person; skill names are matched through the taxonomy."""

from django.db import migrations, models

from participants.search import normalise


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS participant_search_about_trgm "
            "ON participants_participant USING gin (search_about gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS participant_search_about_trgm")


def fill(apps, schema_editor):
    participant_model = apps.get_model("participants", "Participant")
    for participant in participant_model.objects.select_related("user").iterator(chunk_size=1000):
        name = normalise(f"{participant.display_name} {participant.user.username} {participant.wikimedia_username}")
        participant.search_name = name
        participant.search_about = normalise(f"{name} {participant.bio}")
        participant.save(update_fields=["search_name", "search_about"])


class Migration(migrations.Migration):
    dependencies = [("participants", "0006_participant_max_mentees")]

    operations = [
        migrations.RemoveField(model_name="participant", name="search_document"),
        migrations.RemoveField(model_name="participant", name="search_shares"),
        migrations.RemoveField(model_name="participant", name="search_wants"),
        migrations.AddField(
            model_name="participant",
            name="search_about",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
