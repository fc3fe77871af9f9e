"""Attendance from Zoom, Google Meet and Jitsi participant reports, previewed and saved in the clinic admin."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clinics.importers.common import ImportFileError
from clinics.importers.report_values import parse_minutes
from clinics.importers.reports import parse_report, plan_import, save_report
from clinics.models import Attendance, ClinicSharer
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina():
    return ParticipantFactory(user=UserFactory(username="amina", email="amina@example.org"), display_name="Amina")


@pytest.fixture
def mlenzi():
    return ParticipantFactory(display_name="Mlenzi", wikimedia_username="Mlenzi Wiki")


@pytest.fixture
def layla():
    user = UserFactory(username="layla", email="Layla.Haddad@example.com")
    return ParticipantFactory(user=user, display_name="Layla")


def plan_of(clinic, data, *, time_zone="UTC", min_minutes=0):
    report = parse_report(data=data, time_zone=time_zone, clinic=clinic)
    return report, plan_import(clinic=clinic, report=report, min_minutes=min_minutes)


def summary(people):
    return [
        (person.shown_name, person.email, person.lines, person.joined, person.minutes, person.role, person.reason)
        for person in people
    ]


def test_a_zoom_report_merges_rejoins_and_matches_participants_by_email_and_username(
    held_clinic, report_bytes, amina, mlenzi
):
    report, plan = plan_of(held_clinic, report_bytes("zoom_participants.csv"))

    assert report.platform == "zoom"
    assert summary(plan.matched) == [
        ("Amina", "amina@example.org", [6, 7], datetime(2026, 3, 14, 14, 58, 41, tzinfo=UTC), 118, "learner", ""),
        ("Mlenzi", "", [10], datetime(2026, 3, 14, 15, 2, 12, tzinfo=UTC), 118, "learner", ""),
    ]
    assert summary(plan.new) == [
        ("Juan Pérez", "juan.perez@example.net", [9], datetime(2026, 3, 14, 15, 1, tzinfo=UTC), 118, "learner", ""),
        ("iPhone de Sofía", "", [11], datetime(2026, 3, 14, 15, 20, tzinfo=UTC), 3, "learner", ""),
    ]
    assert [(person.lines, person.reason) for person in plan.ignored] == [
        ([5], "host of the meeting"),
        ([8], "duplicate of line 7"),
        ([12], "blank: no name and no email"),
    ]


def test_zooms_one_table_export_uses_the_persons_columns_not_the_meetings(held_clinic, report_bytes, amina):
    report, plan = plan_of(held_clinic, report_bytes("zoom_one_table.csv"))

    assert report.platform == "zoom"
    assert [(person.shown_name, person.minutes) for person in plan.matched + plan.new] == [
        ("Amina", 62),
        ("Juan Pérez", 118),
    ]


def test_a_google_meet_report_reads_split_names_spelled_durations_and_times_on_the_clinic_day(
    held_clinic, report_bytes, amina, layla
):
    report, plan = plan_of(held_clinic, report_bytes("meet_attendance.csv"))

    assert report.platform == "meet"
    assert summary(plan.matched) == [
        ("Amina", "amina@example.org", [2], datetime(2026, 3, 14, 15, 0, tzinfo=UTC), 118, "learner", ""),
        ("Layla", "layla.haddad@example.com", [3, 4], datetime(2026, 3, 14, 15, 5, tzinfo=UTC), 107, "learner", ""),
    ]
    assert summary(plan.new) == [
        ("Kwame Mensah", "", [5], datetime(2026, 3, 14, 16, 40, tzinfo=UTC), 12, "learner", ""),
    ]
    assert plan.ignored == []


def test_a_jitsi_export_with_semicolons_and_times_with_offsets_is_read(held_clinic, report_bytes, mlenzi):
    report, plan = plan_of(held_clinic, report_bytes("jitsi_participants.csv"), time_zone="Asia/Tokyo")

    assert report.platform == "other"
    assert summary(plan.matched) == [
        ("Mlenzi", "", [2], datetime(2026, 3, 14, 15, 0, 5, tzinfo=UTC), 119, "learner", ""),
    ]
    assert summary(plan.new) == [
        ("Ana Souza", "ana.souza@example.com.br", [3, 4], datetime(2026, 3, 14, 15, 10, tzinfo=UTC), 105, "learner", "")
    ]


def test_times_without_an_offset_are_read_in_the_chosen_time_zone(held_clinic, report_bytes, amina):
    _report, plan = plan_of(held_clinic, report_bytes("zoom_participants.csv"), time_zone="Africa/Nairobi")

    assert plan.matched[0].joined == datetime(2026, 3, 14, 11, 58, 41, tzinfo=UTC)


def test_a_minimum_presence_ignores_short_visits(held_clinic, report_bytes):
    _report, plan = plan_of(held_clinic, report_bytes("zoom_participants.csv"), min_minutes=5)

    assert [person.name for person in plan.new] == ["Amina N", "Juan Pérez", "Mlenzi_Wiki"]
    assert (plan.ignored[2].name, plan.ignored[2].reason) == ("iPhone de Sofía", "present 3 min, less than 5")


def test_a_sharer_in_the_report_is_recorded_as_sharer_even_if_the_meeting_host(held_clinic, report_bytes, amina):
    ClinicSharer.objects.create(clinic=held_clinic, participant=amina)
    ClinicSharer.objects.create(clinic=held_clinic, name="Juan Pérez", email="JUAN.PEREZ@example.net")

    _report, plan = plan_of(held_clinic, report_bytes("zoom_participants.csv"))

    assert [(person.shown_name, person.role) for person in plan.matched + plan.new] == [
        ("Amina", "sharer"),
        ("Juan Pérez", "sharer"),
        ("Mlenzi_Wiki", "learner"),
        ("iPhone de Sofía", "learner"),
    ]


def test_saving_records_participants_and_unregistered_attendees(held_clinic, report_bytes, amina, mlenzi):
    report = parse_report(data=report_bytes("zoom_participants.csv"), time_zone="UTC", clinic=held_clinic)

    save_report(clinic=held_clinic, report=report)

    assert sorted(
        Attendance.objects.values_list("participant__display_name", "name", "email", "role", "joined_at", "minutes"),
        key=str,
    ) == sorted(
        [
            ("Amina", "", "", "learner", datetime(2026, 3, 14, 14, 58, 41, tzinfo=UTC), 118),
            ("Mlenzi", "", "", "learner", datetime(2026, 3, 14, 15, 2, 12, tzinfo=UTC), 118),
            (None, "Juan Pérez", "juan.perez@example.net", "learner", datetime(2026, 3, 14, 15, 1, tzinfo=UTC), 118),
            (None, "iPhone de Sofía", "", "learner", datetime(2026, 3, 14, 15, 20, tzinfo=UTC), 3),
        ],
        key=str,
    )


def test_saving_the_same_report_again_adds_nobody(held_clinic, report_bytes, amina, mlenzi):
    report = parse_report(data=report_bytes("zoom_participants.csv"), time_zone="UTC", clinic=held_clinic)
    save_report(clinic=held_clinic, report=report)

    plan = save_report(clinic=held_clinic, report=report)

    assert (len(plan.matched), len(plan.new), Attendance.objects.count()) == (0, 0, 4)
    assert [person.reason for person in plan.ignored].count("already recorded") == 4


def test_a_participant_recorded_by_hand_is_not_recorded_twice(held_clinic, report_bytes, amina):
    AttendanceFactory(clinic=held_clinic, participant=amina, minutes=None)

    _report, plan = plan_of(held_clinic, report_bytes("meet_attendance.csv"))

    assert [(person.shown_name, person.reason) for person in plan.ignored] == [("Amina", "already recorded")]


@pytest.mark.parametrize(
    ("value", "minutes"),
    [("45", 45), ("45.6", 46), ("1 hr 2 min", 62), ("42m", 42), ("1h 5m", 65), ("1:02:30", 63), ("1:05", 65),
     ("30 sec", 1), ("", None)],
)  # fmt: skip
def test_durations_are_read_in_every_spelling_the_platforms_use(value, minutes):
    assert parse_minutes(value) == minutes


@pytest.mark.parametrize("value", ["about an hour", "12 parsecs"])
def test_an_unreadable_duration_is_refused(value):
    with pytest.raises(ValueError, match=value):
        parse_minutes(value)


def test_a_line_with_an_unreadable_time_is_ignored_with_the_reason(held_clinic):
    data = b"Name,Email,Joined,Left\nAna,ana@example.org,yesterday-ish,\n"

    _report, plan = plan_of(held_clinic, data)

    assert [(person.lines, person.reason) for person in plan.ignored] == [([2], "unreadable time “yesterday-ish”")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x00\x01\x02\x03PK\x03\x04", "The file is not a CSV text file."),
        (b"\xff\xd8\xff\xe0 binary \x00 jpeg", "The file is not a CSV text file."),
    ],
)
def test_files_that_are_not_csv_text_are_refused(held_clinic, data, message):
    with pytest.raises(ImportFileError, match=message):
        parse_report(data=data, time_zone="UTC", clinic=held_clinic)


# The admin pages, as a liaison uses them.


def import_url(clinic):
    return reverse("admin:clinics_clinic_import_attendance", args=[clinic.pk])


def upload(client, clinic, data, name="report.csv", **fields):
    post = {"time_zone": "UTC", "min_minutes": "0", "report": SimpleUploadedFile(name, data)} | fields
    return client.post(import_url(clinic), post)


def signed_preview(client, clinic, data):
    """The signed report a preview page carries to its confirm button."""
    return upload(client, clinic, data).context["confirm_form"]["report"].value()


def test_the_clinic_page_links_a_liaison_to_the_attendance_import(client, liaison, held_clinic):
    client.force_login(liaison)

    response = client.get(reverse("admin:clinics_clinic_change", args=[held_clinic.pk]))

    assert f'href="{import_url(held_clinic)}"' in response.content.decode()


def test_the_preview_shows_the_counts_and_saves_nothing(client, liaison, held_clinic, report_bytes, amina, mlenzi):
    client.force_login(liaison)

    response = upload(client, held_clinic, report_bytes("zoom_participants.csv"))

    assert response.status_code == 200
    plan = response.context["plan"]
    assert (len(plan.matched), len(plan.new), len(plan.ignored)) == (2, 2, 3)
    page = " ".join(response.content.decode().split())
    assert "Read as a Zoom participant report." in page
    assert "<caption>Matched participants: 2</caption>" in page
    assert "<caption>New attendees without an account: 2</caption>" in page
    assert "<caption>Ignored: 3</caption>" in page
    assert Attendance.objects.count() == 0


def test_confirming_the_preview_saves_it_and_a_second_import_adds_nothing(
    client, liaison, held_clinic, report_bytes, amina, mlenzi
):
    client.force_login(liaison)
    signed = signed_preview(client, held_clinic, report_bytes("zoom_participants.csv"))

    response = client.post(import_url(held_clinic), {"report": signed, "confirm": "1"})

    assert response.status_code == 302
    assert response.url == reverse("admin:clinics_clinic_change", args=[held_clinic.pk])
    assert Attendance.objects.filter(clinic=held_clinic).count() == 4
    again = upload(client, held_clinic, report_bytes("zoom_participants.csv"))
    assert (len(again.context["plan"].matched), len(again.context["plan"].new)) == (0, 0)
    assert again.context["confirm_form"] is not None
    assert "There is nothing new to record from this report." in again.content.decode()
    client.post(import_url(held_clinic), {"report": signed, "confirm": "1"})
    assert Attendance.objects.filter(clinic=held_clinic).count() == 4


def test_an_edited_preview_is_refused_and_nothing_saved(client, liaison, held_clinic, report_bytes):
    client.force_login(liaison)
    signed = signed_preview(client, held_clinic, report_bytes("meet_attendance.csv"))

    response = client.post(import_url(held_clinic), {"report": signed[:-3] + "abc", "confirm": "1"}, follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "The preview has expired or was changed. Upload the report again."
    ]
    assert Attendance.objects.count() == 0


def test_a_preview_signed_for_another_clinic_is_refused(client, liaison, held_clinic, report_bytes):
    other = ClinicFactory()
    client.force_login(liaison)
    signed = signed_preview(client, held_clinic, report_bytes("meet_attendance.csv"))

    client.post(import_url(other), {"report": signed, "confirm": "1"})

    assert Attendance.objects.count() == 0


def test_an_unknown_format_names_the_columns_it_expected_and_saves_nothing(client, liaison, held_clinic, report_bytes):
    client.force_login(liaison)

    response = upload(client, held_clinic, report_bytes("unknown_format.csv"))

    assert response.status_code == 200
    [error] = response.context["upload_form"].errors["report"]
    assert error.startswith("This file is not a participant report we know.")
    assert "“Name (Original Name)”, “User Email”, “Join Time”, “Leave Time”, “Duration (Minutes)”" in error
    assert "“First name”, “Last name”, “Email”, “Duration”, “Time joined”, “Time exited”" in error
    assert response.context["plan"] is None
    assert Attendance.objects.count() == 0


def test_a_binary_upload_gets_a_message_not_an_error_page(client, liaison, held_clinic, report_bytes):
    client.force_login(liaison)

    response = upload(client, held_clinic, report_bytes("slides.pdf"), name="slides.pdf")

    assert response.status_code == 200
    assert response.context["upload_form"].errors["report"] == [
        "The file is not a CSV text file. Export the report as CSV and upload that file."
    ]


def test_a_form_without_a_file_asks_for_one(client, liaison, held_clinic):
    client.force_login(liaison)

    response = client.post(import_url(held_clinic), {"time_zone": "Mars/Olympus", "min_minutes": "-1"})

    assert response.status_code == 200
    assert set(response.context["upload_form"].errors) == {"report", "time_zone", "min_minutes"}


def test_staff_without_the_liaison_permissions_cannot_import(client, held_clinic):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(import_url(held_clinic))

    assert response.status_code == 403


def test_an_unknown_clinic_is_not_found(client, liaison):
    client.force_login(liaison)

    response = client.get(reverse("admin:clinics_clinic_import_attendance", args=[987654]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        b'Name,Email\n"Ana,ana@example.org\n',  # a quote never closed
        b"Name,Email,Duration,Joined\nAna,ana@example.org,99999999999999999999,9999-12-31T23:59\n",
        b"Name,Email,Joined,Left\nAna,ana@example.org,9999-12-31 23:59:00,9999-12-31 00:01:00\n",
        b"Name,Email\n" + b"x" * 200_000 + b",a@example.org\n",  # a cell beyond the csv module's limit
        "Name,Email\nAna,ana@example.org\n".encode("utf-16"),
        b"Name\n" + b"Ana\n" * 5001,
        b"Name,Email,Role\nAna,not-an-email,host\n,,\n",
    ],
)
def test_malformed_reports_get_a_page_never_a_server_error(client, liaison, held_clinic, data):
    client.force_login(liaison)

    response = upload(client, held_clinic, data)

    assert response.status_code == 200
    assert Attendance.objects.count() == 0


def test_an_absurd_duration_is_ignored_as_unreadable(held_clinic):
    _report, plan = plan_of(held_clinic, b"Name,Duration\nAna,99999999\n")

    assert [(person.name, person.reason) for person in plan.ignored] == [("Ana", "unreadable duration “99999999”")]


@pytest.mark.parametrize("count", [1, 3])
def test_the_preview_costs_the_same_queries_for_1_or_3_people(
    client, liaison, held_clinic, django_assert_max_num_queries, count
):
    lines = []
    for index in range(count):
        ParticipantFactory(user=UserFactory(username=f"p{index}", email=f"p{index}@example.org"))
        AttendanceFactory(clinic=held_clinic)
        lines.append(f"P {index},p{index}@example.org,30\nGuest {index},,30")
    data = ("Name,Email,Duration\n" + "\n".join(lines) + "\n").encode()
    client.force_login(liaison)

    with django_assert_max_num_queries(10):
        response = upload(client, held_clinic, data)

    assert (len(response.context["plan"].matched), len(response.context["plan"].new)) == (count, count)


def test_someone_recorded_by_email_before_they_registered_is_not_recorded_again(held_clinic, amina):
    Attendance.objects.create(clinic=held_clinic, name="Amina", email="amina@example.org")

    _report, plan = plan_of(held_clinic, b"Name,Email\nAmina N,AMINA@example.org\n")

    assert [(person.shown_name, person.reason) for person in plan.ignored] == [("Amina", "already recorded")]


def test_a_file_too_large_for_one_clinic_is_refused(held_clinic):
    data = b"Name,Email\n" + b"Ana,ana@example.org\n" * 300_000

    with pytest.raises(ImportFileError, match="The file is larger than 5 MB"):
        parse_report(data=data, time_zone="UTC", clinic=held_clinic)
