"""`manage.py import_clinics` and `import_attendance`: the program's history, brought in from CSV files."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

from clinics.models import Attendance, Clinic, ClinicSharer, Topic
from tests.clinics.conftest import DATA
from tests.factories import ClinicFactory, ParticipantFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

CLINICS_FILE = DATA / "clinics_history.csv"
ATTENDANCE_FILE = DATA / "attendance_history.csv"


def run(command, path, *options):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(command, str(path), *options, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def amina():
    return ParticipantFactory(user=UserFactory(username="amina", email="Amina@example.org"), display_name="Amina")


@pytest.fixture
def mlenzi():
    return ParticipantFactory(display_name="Mlenzi", wikimedia_username="Mlenzi Wiki")


@pytest.fixture
def grant_writing():
    return ClinicFactory(slug="grant-writing-2024-03-14", start=datetime(2024, 3, 14, 15, tzinfo=UTC))


def test_import_clinics_imports_the_good_rows_and_reports_the_bad_ones_by_line(amina):
    output = run("import_clinics", CLINICS_FILE)

    assert output == (
        "created 2, updated 0, unchanged 0, skipped 3 invalid; sharers added 3\n",
        'line 4: starts_at "2024-06-20T16:00:00" has no UTC offset; write it like 2024-03-14T15:00+03:00\n'
        'line 5: kind "seminar" is not one of: clinic, workshop, local, connectathon\n'
        'line 6: no participant has the email "nobody@example.org"; write a guest as "Name <nobody@example.org>"\n',
    )
    assert list(
        Clinic.objects.order_by("start").values_list(
            "slug", "title_en", "topic__name_en", "kind", "language", "start", "duration", "status"
        )
    ) == [
        (
            "grant-writing-2024-03-14",
            "Grant writing for affiliates",
            "Grant writing",
            "clinic",
            "en",
            datetime(2024, 3, 14, 15, tzinfo=UTC),
            timedelta(minutes=120),
            "held",
        ),
        (
            "edit-a-thon-2024-05-02",
            "Organising an edit-a-thon",
            "edit-a-thons",
            "workshop",
            "fr",
            datetime(2024, 5, 2, 8, 30, tzinfo=UTC),
            timedelta(minutes=90),
            "held",
        ),
    ]


def test_import_clinics_records_sharers_and_who_was_foundation_staff(amina):
    run("import_clinics", CLINICS_FILE)

    assert list(
        ClinicSharer.objects.order_by("clinic__start", "position").values_list(
            "clinic__slug", "participant", "name", "email", "foundation_staff", "position"
        )
    ) == [
        ("grant-writing-2024-03-14", amina.pk, "", "", False, 0),
        ("grant-writing-2024-03-14", None, "Grace Mwangi", "grace@wikimedia.example", True, 1),
        ("edit-a-thon-2024-05-02", amina.pk, "", "", True, 0),
    ]


def test_import_clinics_finds_topics_by_slug_or_name_and_creates_the_missing_ones(amina):
    TopicFactory(slug="edit-a-thons", name="Edit-a-thons")
    TopicFactory(slug="grants", name="GRANT WRITING")

    run("import_clinics", CLINICS_FILE)

    assert sorted(Clinic.objects.values_list("slug", "topic__slug")) == [
        ("edit-a-thon-2024-05-02", "edit-a-thons"),
        ("grant-writing-2024-03-14", "grants"),
    ]
    assert Topic.objects.count() == 2


def test_import_clinics_a_second_run_changes_nothing(amina):
    run("import_clinics", CLINICS_FILE)
    before = list(Clinic.objects.order_by("pk").values())

    output, _errors = run("import_clinics", CLINICS_FILE)

    assert output == "created 0, updated 0, unchanged 2, skipped 3 invalid; sharers added 0\n"
    assert list(Clinic.objects.order_by("pk").values()) == before
    assert (Topic.objects.count(), ClinicSharer.objects.count()) == (2, 3)


def test_import_clinics_updates_a_changed_clinic_and_tells_calendars(amina, tmp_path):
    run("import_clinics", CLINICS_FILE)
    changed = CLINICS_FILE.read_text().replace("Grant writing for affiliates,Grant writing,clinic,en,2024-03-14T15:00",
                                               "Grant writing,Grant writing,clinic,en,2024-03-14T16:00")  # fmt: skip
    path = tmp_path / "clinics.csv"
    path.write_text(changed)

    output, _errors = run("import_clinics", path)

    assert output == "created 0, updated 1, unchanged 1, skipped 3 invalid; sharers added 0\n"
    clinic = Clinic.objects.get(slug="grant-writing-2024-03-14")
    assert (clinic.title, clinic.start, clinic.sequence) == ("Grant writing", datetime(2024, 3, 14, 16, tzinfo=UTC), 1)


def test_import_clinics_replaces_the_sharers_with_the_files(amina, tmp_path):
    run("import_clinics", CLINICS_FILE)
    path = tmp_path / "clinics.csv"
    path.write_text(CLINICS_FILE.read_text().replace("amina@example.org;Grace Mwangi", "Grace Mwangi"))

    output, _errors = run("import_clinics", path)

    assert output == "created 0, updated 1, unchanged 1, skipped 3 invalid; sharers added 0\n"
    assert list(
        ClinicSharer.objects.filter(clinic__slug="grant-writing-2024-03-14").values_list(
            "name", "foundation_staff", "position"
        )
    ) == [("Grace Mwangi", True, 0)]


def test_import_clinics_dry_run_writes_nothing(amina):
    output = run("import_clinics", CLINICS_FILE, "--dry-run")

    assert (
        output[0] == "dry run, nothing written: created 2, updated 0, unchanged 0, skipped 3 invalid; sharers added 3\n"
    )
    assert (Clinic.objects.count(), Topic.objects.count(), ClinicSharer.objects.count()) == (0, 0, 0)


def test_import_clinics_reads_semicolons_and_a_byte_order_mark(amina, tmp_path):
    path = tmp_path / "clinics.csv"
    path.write_text(
        "slug;title;topic;starts_at;duration_minutes\r\n"
        "local-2024-01-01;Local clinic;Local;2024-01-01T10:00+01:00;60\r\n",
        encoding="utf-8-sig",
    )

    output, errors = run("import_clinics", path)

    assert (output, errors) == ("created 1, updated 0, unchanged 0, skipped 0 invalid; sharers added 0\n", "")
    assert Clinic.objects.values_list("kind", "language", "status").get() == ("clinic", "en", "held")


def test_import_clinics_refuses_a_file_without_the_required_columns(tmp_path):
    path = tmp_path / "clinics.csv"
    path.write_text("slug,title\nx,y\n")

    with pytest.raises(CommandError, match="these are required: slug, title, topic, starts_at, duration_minutes"):
        run("import_clinics", path)


def test_import_attendance_imports_the_good_rows_and_reports_the_bad_ones_by_line(amina, mlenzi, grant_writing):
    output = run("import_attendance", ATTENDANCE_FILE)

    assert output == (
        "created 4, updated 0, unchanged 0, skipped 4 invalid; sharers added 2\n",
        "line 6: the row names nobody: give an email, a name or a wikimedia_username\n"
        'line 7: no clinic has the slug "no-such-clinic"\n'
        'line 8: country "XX" is not an ISO 3166 alpha-2 country code\n'
        'line 9: role "speaker" is not one of: learner, sharer\n',
    )
    assert sorted(
        Attendance.objects.values_list("participant", "name", "email", "wikimedia_username", "country", "role"),
        key=str,
    ) == sorted(
        [
            (amina.pk, "", "", "", "KE", "sharer"),
            (mlenzi.pk, "", "", "", "TZ", "learner"),
            (None, "Juan Pérez", "juan.perez@example.net", "", "AR", "learner"),
            (None, "Grace Mwangi", "grace@wikimedia.example", "", None, "sharer"),
        ],
        key=str,
    )
    assert sorted(ClinicSharer.objects.values_list("participant", "name", "email"), key=str) == sorted(
        [(amina.pk, "", ""), (None, "Grace Mwangi", "grace@wikimedia.example")], key=str
    )


def test_import_attendance_a_second_run_changes_nothing(amina, mlenzi, grant_writing):
    run("import_attendance", ATTENDANCE_FILE)

    output, _errors = run("import_attendance", ATTENDANCE_FILE)

    assert output == "created 0, updated 0, unchanged 4, skipped 4 invalid; sharers added 0\n"
    assert (Attendance.objects.count(), ClinicSharer.objects.count()) == (4, 2)


def test_import_attendance_updates_a_changed_row(amina, grant_writing, tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text("clinic,email,country,role\ngrant-writing-2024-03-14,amina@example.org,KE,learner\n")
    run("import_attendance", path)
    path.write_text("clinic,email,country,role\ngrant-writing-2024-03-14,amina@example.org,UG,learner\n")

    output, _errors = run("import_attendance", path)

    assert output == "created 0, updated 1, unchanged 0, skipped 0 invalid; sharers added 0\n"
    assert Attendance.objects.values_list("participant", "country").get() == (amina.pk, "UG")


def test_import_attendance_without_a_participant_needs_a_name(grant_writing, tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text("clinic,email\ngrant-writing-2024-03-14,stranger@example.org\n")

    _output, errors = run("import_attendance", path)

    assert errors == (
        'line 2: no participant has the email "stranger@example.org"; give a name to record someone without an '
        "account\n"
    )


def test_import_attendance_dry_run_writes_nothing(amina, mlenzi, grant_writing):
    output, _errors = run("import_attendance", ATTENDANCE_FILE, "--dry-run")

    assert output == "dry run, nothing written: created 4, updated 0, unchanged 0, skipped 4 invalid; sharers added 2\n"
    assert (Attendance.objects.count(), ClinicSharer.objects.count()) == (0, 0)


def test_import_attendance_refuses_a_file_that_is_not_text(tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    with pytest.raises(CommandError, match="The file is not a CSV text file"):
        run("import_attendance", path)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("x-1,T,Topic,2024-01-01T10:00Z,99999999999999", 'duration_minutes "99999999999999" is not a whole number'),
        ("x-2,T,Topic,2024-01-01T10:00Z,0", 'duration_minutes "0" is not a whole number'),
        ("x 3,T,Topic,2024-01-01T10:00Z,60", 'slug "x 3" may hold only letters, digits, hyphens and underscores'),
        ("x-4,T,Topic,14/03/2024,60", 'starts_at "14/03/2024" is not an ISO 8601 date and time'),
        ("x-5,,Topic,2024-01-01T10:00Z,60", "title is empty"),
    ],
)
def test_import_clinics_reports_each_kind_of_bad_row(tmp_path, cells, message):
    path = tmp_path / "clinics.csv"
    path.write_text(f"slug,title,topic,starts_at,duration_minutes\n{cells}\n")

    output, errors = run("import_clinics", path)

    assert output == "created 0, updated 0, unchanged 0, skipped 1 invalid; sharers added 0\n"
    assert errors.startswith(f"line 2: {message}")
    assert Clinic.objects.count() == 0
