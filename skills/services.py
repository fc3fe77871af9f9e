"""Operations on the skills participants share and want to learn, and on the directory's search index."""

from django.db import connection, transaction
from django.utils import timezone

from letsconnect import fragments
from participants.models import Country, Region

from . import directory_index, facet_index, queries, suggestions
from .models import DirectoryEntry, ParticipantSkill

# One row per listed participant with an active account, built from the profile, the account, the spoken
# languages, the skills and the affiliates (shown ones only). `{where}` narrows it to some participants.
ENTRY_SQL = """
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
           ELSE '{{}}' END
    FROM participants_participant p
    JOIN participants_user u ON u.id = p.user_id
    WHERE p.listed AND u.is_active {where}
"""


@transaction.atomic
def set_participant_skills(*, participant, shares, learns):
    """Make `participant`'s skills exactly `shares` ({skill: level}) and `learns` ({skill, ...})."""
    wanted = {(skill.pk, ParticipantSkill.Kind.SHARE): level for skill, level in shares.items()} | {
        (skill.pk, ParticipantSkill.Kind.LEARN): "" for skill in learns
    }
    existing = {(row.skill_id, row.kind): row for row in ParticipantSkill.objects.filter(participant=participant)}
    ParticipantSkill.objects.filter(pk__in=[row.pk for key, row in existing.items() if key not in wanted]).delete()
    for (skill_id, kind), level in wanted.items():
        row = existing.get((skill_id, kind))
        if row is None:
            ParticipantSkill.objects.create(participant=participant, skill_id=skill_id, kind=kind, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])
    refresh_directory_entries(participant_ids=[participant.pk])


@transaction.atomic
def refresh_directory_entries(*, participant_ids=None):
    """Rebuild the directory rows of `participant_ids` (everyone's when None) from their current profiles.

    A participant who is no longer listed, or whose account is inactive, loses their row. PostgreSQL only:
    on other databases (SQLite in development) the directory searches the profiles directly.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if participant_ids is None:
            cursor.execute("DELETE FROM skills_directoryentry")
            cursor.execute(ENTRY_SQL.format(where=""))
        else:
            ids = list(participant_ids)
            cursor.execute("DELETE FROM skills_directoryentry WHERE participant_id = ANY(%s)", [ids])
            cursor.execute(ENTRY_SQL.format(where="AND p.id = ANY(%s)"), [ids])
    facet_index.record_change(participant_ids)
    _forget_cached_searches(people_changed=True)


@transaction.atomic
def remove_directory_entry(*, participant_id):
    """The participant is being erased: their row goes now, not at the end of the cascade."""
    DirectoryEntry.objects.filter(participant_id=participant_id).delete()
    facet_index.record_change([participant_id])
    _forget_cached_searches(people_changed=True)


@transaction.atomic
def record_sign_in(*, user_id):
    """Someone signed in: the directory shows recently active people first."""
    entries = DirectoryEntry.objects.filter(participant__user_id=user_id)
    ids = list(entries.values_list("participant_id", flat=True))
    if ids and DirectoryEntry.objects.filter(participant_id__in=ids).update(last_seen=timezone.now()):
        facet_index.record_change(ids)
        _forget_cached_searches()


def names_changed(sender, **kwargs):
    """A skill, category, region or country was renamed, added or removed: the directory's kept pages show names.
    A country's region is also what the region facet counts: the facet index is built again."""
    if sender in (Country, Region) and connection.vendor == "postgresql":
        facet_index.record_change(None)
    fragments.replace_version(queries.TAXONOMY_VERSION)
    _forget_cached_searches()


def _forget_cached_searches(*, people_changed=False):
    """`people_changed`: not only the directory's order, so the home pages' suggestions are forgotten too."""
    # Now, for this request, and again after the commit: a search run by someone else in between, on the data
    # from before, may have kept its answer under the new version.
    directory_index.forget_cached_searches()
    if people_changed:
        suggestions.forget()
