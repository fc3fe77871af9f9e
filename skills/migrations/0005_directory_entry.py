"""The directory's search index: one narrow row per listed participant, GIN-indexed, filled from the profiles."""

import django.db.models.deletion
from django.db import migrations, models

import skills.fields

# PostgreSQL only (SQLite searches the profiles directly): GIN indexes for the arrays and a trigram index for
# `LIKE '%word%'` on the search text.
GIN_INDEXES = {
    "directoryentry_languages_gin": "languages",
    "directoryentry_shares_gin": "shares",
    "directoryentry_learns_gin": "learns",
    "directoryentry_skills_gin": "skills",
    "directoryentry_affiliates_gin": "affiliates",
    "directoryentry_search_about_trgm": "search_about gin_trgm_ops",
}

# The state of skills.services.ENTRY_SQL when this migration was written (a migration must not change later).
FILL_SQL = """
    INSERT INTO skills_directoryentry (
        participant_id, country, role, search_name, search_about, last_seen,
        languages, shares, learns, skills, affiliates
    )
    SELECT p.id, coalesce(p.country_id, ''), p.role, p.search_name, p.search_about,
           coalesce(u.last_login, p.created_at),
           ARRAY(SELECT l.language FROM participants_spokenlanguage l WHERE l.participant_id = p.id
                 ORDER BY l.level DESC, l.language),
           ARRAY(SELECT s.skill_id FROM skills_participantskill s WHERE s.participant_id = p.id AND s.kind = 'share'
                 ORDER BY s.skill_id),
           ARRAY(SELECT s.skill_id FROM skills_participantskill s WHERE s.participant_id = p.id AND s.kind = 'learn'
                 ORDER BY s.skill_id),
           ARRAY(SELECT DISTINCT s.skill_id FROM skills_participantskill s WHERE s.participant_id = p.id
                 ORDER BY s.skill_id),
           CASE WHEN p.show_affiliation THEN
               ARRAY(SELECT a.affiliate_id FROM participants_participant_affiliates a WHERE a.participant_id = p.id
                     ORDER BY a.affiliate_id)
           ELSE '{}' END
    FROM participants_participant p
    JOIN participants_user u ON u.id = p.user_id
    WHERE p.listed AND u.is_active
"""


def create_indexes_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in GIN_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON skills_directoryentry USING gin ({column})")
    schema_editor.execute(FILL_SQL)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in GIN_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0007_search_about"),
        ("skills", "0004_mentorship_message"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectoryEntry",
            fields=[
                (
                    "participant",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="directory_entry",
                        serialize=False,
                        to="participants.participant",
                        verbose_name="participant",
                    ),
                ),
                ("country", models.CharField(blank=True, max_length=2, verbose_name="country")),
                ("role", models.CharField(blank=True, max_length=32, verbose_name="role")),
                ("search_name", models.TextField(blank=True)),
                ("search_about", models.TextField(blank=True)),
                ("last_seen", models.DateTimeField(verbose_name="last seen")),
                (
                    "languages",
                    skills.fields.PortableArrayField(
                        base_field=models.CharField(max_length=12), blank=True, default=list, size=None
                    ),
                ),
                (
                    "shares",
                    skills.fields.PortableArrayField(
                        base_field=models.IntegerField(), blank=True, default=list, size=None
                    ),
                ),
                (
                    "learns",
                    skills.fields.PortableArrayField(
                        base_field=models.IntegerField(), blank=True, default=list, size=None
                    ),
                ),
                (
                    "skills",
                    skills.fields.PortableArrayField(
                        base_field=models.IntegerField(), blank=True, default=list, size=None
                    ),
                ),
                (
                    "affiliates",
                    skills.fields.PortableArrayField(
                        base_field=models.IntegerField(), blank=True, default=list, size=None
                    ),
                ),
            ],
            options={
                "verbose_name": "directory entry",
                "verbose_name_plural": "directory entries",
                "indexes": [models.Index(fields=["country"], name="directoryentry_country_idx")],
            },
        ),
        migrations.RunPython(create_indexes_and_fill, drop_indexes),
    ]
