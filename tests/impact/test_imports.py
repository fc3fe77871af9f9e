"""Data brought in with import_participants, import_clinics and import_attendance counts exactly as defined."""

import io

import pytest
from django.core.management import call_command

from impact.report import Figure, Percentage

pytestmark = pytest.mark.django_db

PARTICIPANTS = "email,display_name,wikimedia_username,country,languages,home_wikis,affiliate,role,gender,"
PARTICIPANTS += """registered_at,listed
amina@example.org,Amina,,KE,sw,sw.wikipedia;wikidata,AfroCROWD,,woman,2023-01-10,yes
bruno@example.org,Bruno,,BR,pt,pt.wikipedia,,,man,2023-02-11,yes
chloe@example.org,Chloé,,CA,fr,fr.wikipedia;fr.wiktionary,,,woman,2024-06-29,no
dmytro@example.org,Dmytro,,UA,uk,uk.wikipedia,,,prefer-not,2024-06-30,no
esi@example.org,Esi,,GH,en,,AfroCROWD,,,2025-01-01,no
farid@example.org,Farid,,DZ,ar,ar.wikipedia,,,woman,2026-07-01,no
"""
CLINICS = """slug,title,topic,language,starts_at,duration_minutes,status,sharers,foundation_staff
grants,Grant writing,Grants,en,2026-01-15T15:00Z,120,held,amina@example.org;Alex <alex@wikimedia.org>,yes
wikidata,Wikidata,Wikidata,pt,2026-03-20T15:00Z,120,held,bruno@example.org,no
photos,Photos,Photos,fr,2026-04-20T15:00Z,120,cancelled,chloe@example.org,no
safe-spaces,Safe spaces,Safety,es,2026-06-25T15:00Z,120,scheduled,chloe@example.org;dmytro@example.org,no
"""
ATTENDANCE = """clinic,email,name,wikimedia_username,country,role
grants,amina@example.org,,,,learner
grants,,Kofi Mensah,,GH,learner
grants,alex@wikimedia.org,Alex,,US,sharer
wikidata,Lucia@Example.net,Lucía,,BR,learner
safe-spaces,lucia@example.net ,Lucía S.,,,learner
safe-spaces,,,Mlenzi_Wiki,TZ,learner
safe-spaces,bruno@example.org,,,,learner
photos,,Nobody Came,,,learner
"""


def run(command, path):
    call_command(command, str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_imported_participants_clinics_and_attendance_count_as_defined(tmp_path, figures):
    for name, text in (("participants", PARTICIPANTS), ("clinics", CLINICS), ("attendance", ATTENDANCE)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")

    run("import_participants", tmp_path / "participants.csv")
    run("import_clinics", tmp_path / "clinics.csv")
    run("import_attendance", tmp_path / "attendance.csv")
    report = figures()  # as of 2026-06-30

    # Farid registered after the day; Alex (a guest sharer who attended), Kofi, Lucía (twice, her email in two
    # cases) and Mlenzi_Wiki attended without an account; the cancelled clinic's attendee does not count.
    assert (report.registered, report.unregistered, report.participants) == (
        Figure(5, 5),
        Figure(4, 4),
        Figure(9, 9),
    )
    assert report.countries == Figure(value=7, people=9)  # KE BR CA UA GH, then US and TZ (GH, BR again)
    assert report.language_wikipedias == Figure(value=4, people=4)  # sw pt fr uk; Esi edits none
    assert report.affiliates_engaged == Figure(value=1, people=2)
    # Held: grants, wikidata, and safe-spaces (scheduled, started before the day); photos was cancelled.
    assert (report.clinics_held, report.topics, report.clinics_with_staff) == (
        Figure(value=3),
        Figure(value=3),
        Percentage(part=1, whole=3),
    )
    # Appearances: Amina (SSA), Alex (NA, from his attendance), Bruno (LAC), Chloé (NA), Dmytro (CEECA).
    assert report.underrepresented_shares == Percentage(part=3, whole=5)
    assert report.underrepresented_shares.percent == 60
    # Sharers who answered: Amina and Chloé (women), Bruno (man); Dmytro preferred not to say.
    assert report.women_sharers == Percentage(part=2, whole=3)
    # Registered more than 2 years before 2026-06-30: Amina, Bruno, Chloé (2024-06-29); both Amina (grants,
    # January) and Bruno (safe-spaces, June) came, but only Bruno in the 3 months before; Chloé shared in June.
    assert (report.retention, report.retention_cohort) == (Percentage(part=2, whole=3), Figure(3, 3))
