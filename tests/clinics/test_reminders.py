"""Clinic reminders: what is due at a given moment, sent once, in the participant's language and time zone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clinics import reminders
from clinics.models import Clinic, ClinicMaterial, Feedback, Registration
from mail.models import Email
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2027, 3, 10, 14, 0, tzinfo=UTC)
WEEK_BEFORE = START - timedelta(days=7)


def _registered(clinic=None, *, at=WEEK_BEFORE, email="ana@example.org", **participant):
    clinic = clinic or ClinicFactory(
        start=START, title="Writing a grant proposal", meeting_url="https://meet.example.org/grants"
    )
    return RegistrationFactory(
        clinic=clinic, participant=ParticipantFactory(user__email=email, **participant), created_at=at
    )


def _sent(mailoutbox):
    return [(email.to[0], email.subject) for email in mailoutbox]


def test_the_24_hour_reminder_goes_out_at_the_24_hour_mark_and_not_before(mailoutbox):
    _registered()

    reminders.sweep(now=START - timedelta(hours=24, minutes=1))
    assert mailoutbox == []
    reminders.sweep(now=START - timedelta(hours=24))

    assert _sent(mailoutbox) == [("ana@example.org", "[Let's Connect] Coming up: Writing a grant proposal")]
    assert "The link to join is on the clinic’s page" in mailoutbox[0].body
    assert "https://meet.example.org/grants" not in mailoutbox[0].body


def test_the_1_hour_reminder_carries_the_meeting_link(mailoutbox):
    _registered()

    reminders.sweep(now=START - timedelta(minutes=59))

    assert _sent(mailoutbox) == [("ana@example.org", "[Let's Connect] Starting soon: Writing a grant proposal")]
    assert "Join here:\nhttps://meet.example.org/grants\n" in mailoutbox[0].body


def test_each_reminder_links_the_clinic_page_and_the_settings_where_reminders_are_turned_off(mailoutbox):
    registration = _registered()

    reminders.sweep(now=START - timedelta(hours=23))

    body = mailoutbox[0].body
    assert f"http://127.0.0.1:8000/en/clinics/{registration.clinic.slug}/\n" in body
    assert "turn off clinic reminders in your settings:\nhttp://127.0.0.1:8000/en/profile/settings/\n" in body
    # Without a time zone in the profile, the time once, in UTC.
    assert "When: March 10, 2027, 2:00\u202fPM (UTC)\n\n" in body
    assert "In UTC" not in body


def test_someone_who_registers_3_hours_before_gets_only_the_1_hour_reminder(mailoutbox):
    _registered(at=START - timedelta(hours=3))

    for minutes in range(0, 3 * 60 + 1, 10):  # the sweep runs all along, from the registration to the start
        reminders.sweep(now=START - timedelta(hours=3) + timedelta(minutes=minutes))

    assert _sent(mailoutbox) == [("ana@example.org", "[Let's Connect] Starting soon: Writing a grant proposal")]


def test_the_registered_participant_gets_both_reminders_once_each_over_a_whole_day_of_sweeps(mailoutbox):
    _registered()

    for minutes in range(0, 25 * 60, 15):
        reminders.sweep(now=START - timedelta(hours=25) + timedelta(minutes=minutes))

    assert [email.subject for email in mailoutbox] == [
        "[Let's Connect] Coming up: Writing a grant proposal",
        "[Let's Connect] Starting soon: Writing a grant proposal",
    ]


def test_sweeping_twice_sends_one_email(mailoutbox):
    _registered()

    reminders.sweep(now=START - timedelta(hours=20))
    reminders.sweep(now=START - timedelta(hours=20))

    assert len(mailoutbox) == 1
    assert list(Email.objects.values_list("context__what", "state")) == [("24h", "sent")]


def test_a_reminder_missed_while_the_sweep_was_down_is_sent_when_it_comes_back(mailoutbox):
    _registered()

    reminders.sweep(now=START - timedelta(hours=5))  # down from 24 h to 5 h before the start

    assert _sent(mailoutbox) == [("ana@example.org", "[Let's Connect] Coming up: Writing a grant proposal")]


def test_no_starts_soon_reminder_once_the_clinic_has_started(mailoutbox):
    _registered()

    reminders.sweep(now=START + timedelta(minutes=1))  # down from 25 h before until after the start

    assert mailoutbox == []
    assert Email.objects.count() == 0


def test_a_reminder_planned_but_not_sent_before_the_start_is_dropped(mailoutbox):
    _registered()
    reminders.plan(now=START - timedelta(minutes=30))

    reminders.sweep(now=START + timedelta(minutes=1))

    assert mailoutbox == []
    assert list(Email.objects.values_list("context__what", "state", "last_error")) == [("1h", "skipped", "expired")]


@pytest.mark.parametrize(
    ("registration_status", "clinic_status", "reminders_enabled"),
    [
        (Registration.Status.WAITLISTED, Clinic.Status.SCHEDULED, True),
        (Registration.Status.CANCELLED, Clinic.Status.SCHEDULED, True),
        (Registration.Status.REGISTERED, Clinic.Status.CANCELLED, True),
        (Registration.Status.REGISTERED, Clinic.Status.DRAFT, True),
        (Registration.Status.REGISTERED, Clinic.Status.SCHEDULED, False),
    ],
)
def test_no_reminder_for_the_waitlist_cancelled_registrations_or_clinics_or_people_who_turned_them_off(
    mailoutbox, registration_status, clinic_status, reminders_enabled
):
    registration = _registered(reminders_enabled=reminders_enabled)
    Registration.objects.filter(pk=registration.pk).update(status=registration_status)
    Clinic.objects.filter(pk=registration.clinic_id).update(status=clinic_status)

    reminders.sweep(now=START - timedelta(hours=23))
    reminders.sweep(now=START - timedelta(minutes=30))

    assert mailoutbox == []


def test_a_clinic_cancelled_after_its_reminder_was_planned_sends_nothing(mailoutbox):
    registration = _registered()
    reminders.plan(now=START - timedelta(hours=23))
    Clinic.objects.filter(pk=registration.clinic_id).update(status=Clinic.Status.CANCELLED)

    reminders.sweep(now=START - timedelta(hours=23))

    assert mailoutbox == []
    assert list(Email.objects.values_list("state", "last_error")) == [("skipped", "clinic cancelled")]


def test_a_clinic_moved_after_the_reminder_went_out_gets_a_reminder_for_its_new_time(mailoutbox):
    registration = _registered()
    reminders.sweep(now=START - timedelta(hours=23))
    new_start = START + timedelta(days=2)
    Clinic.objects.filter(pk=registration.clinic_id).update(start=new_start)

    reminders.sweep(now=START - timedelta(hours=22))  # nothing new is due yet
    reminders.sweep(now=new_start - timedelta(hours=23))

    assert len(mailoutbox) == 2
    assert "When: March 12, 2027, 2:00\u202fPM (UTC)" in mailoutbox[1].body
    assert sorted(Email.objects.values_list("context__start", "state")) == [
        (START.isoformat(), "sent"),
        (new_start.isoformat(), "sent"),
    ]


def test_a_reminder_planned_for_the_old_time_of_a_moved_clinic_is_not_sent(mailoutbox):
    registration = _registered()
    reminders.plan(now=START - timedelta(hours=23))
    Clinic.objects.filter(pk=registration.clinic_id).update(start=START + timedelta(days=2))

    reminders.sweep(now=START - timedelta(hours=23))

    assert mailoutbox == []
    assert list(Email.objects.values_list("state", "last_error")) == [("skipped", "clinic moved")]


def test_a_french_participant_in_paris_gets_the_reminder_in_french_with_the_paris_time(mailoutbox):
    _registered(email="amelie@example.org", email_language="fr", time_zone="Europe/Paris")

    reminders.sweep(now=START - timedelta(hours=23))

    body = mailoutbox[0].body
    # The sentences are translated by the lead's pass; the date, the time and the links are French already.
    assert "10 mars 2027, 15:00 (Europe/Paris)" in body
    assert "10 mars 2027, 14:00" in body  # UTC beside
    assert "http://127.0.0.1:8000/fr/profile/settings/" in body
    assert "http://127.0.0.1:8000/fr/clinics/" in body


def test_feedback_is_asked_an_hour_after_the_end_of_registered_and_present_participants(mailoutbox):
    clinic = ClinicFactory(start=START, duration=timedelta(hours=2), title="Grants", status=Clinic.Status.HELD)
    _registered(clinic, email="ana@example.org")
    AttendanceFactory(clinic=clinic, participant=ParticipantFactory(user__email="walk-in@example.org"))
    gave_feedback = _registered(clinic, email="done@example.org").participant
    Feedback.objects.create(clinic=clinic, participant=gave_feedback, rating=5)

    reminders.sweep(now=START + timedelta(hours=2, minutes=59))
    assert mailoutbox == []
    reminders.sweep(now=START + timedelta(hours=3))

    assert sorted(_sent(mailoutbox)) == [
        ("ana@example.org", "[Let's Connect] How was “Grants”?"),
        ("walk-in@example.org", "[Let's Connect] How was “Grants”?"),
    ]
    assert f"http://127.0.0.1:8000/en/clinics/{clinic.slug}/#feedback\n" in mailoutbox[0].body


def test_the_recording_goes_out_with_notes_and_materials_once_the_clinic_is_held(mailoutbox):
    clinic = ClinicFactory(start=START, title="Grants", notes_url="https://etherpad.example.org/grants")
    _registered(clinic)
    ClinicMaterial.objects.create(clinic=clinic, kind="slides", language="es", url="https://example.org/es.pdf")
    reminders.sweep(now=START + timedelta(days=1))
    assert [email.subject for email in mailoutbox] == ["[Let's Connect] How was “Grants”?"]

    Clinic.objects.filter(pk=clinic.pk).update(status=Clinic.Status.HELD, recording_url="https://example.org/video")
    reminders.sweep(now=START + timedelta(days=2))
    reminders.sweep(now=START + timedelta(days=3))

    assert [email.subject for email in mailoutbox[1:]] == ["[Let's Connect] Recording of Grants"]
    body = mailoutbox[1].body
    assert "Recording: https://example.org/video\nShared notes: https://etherpad.example.org/grants\n" in body
    assert "Slides (Spanish): https://example.org/es.pdf\n" in body


def test_after_clinic_emails_are_not_sent_for_clinics_long_past():
    clinic = ClinicFactory(start=START, status=Clinic.Status.HELD, recording_url="https://example.org/video")
    _registered(clinic)

    result = reminders.sweep(now=START + timedelta(days=40))

    assert result == reminders.SweepResult(planned=0, sent=0, skipped=0, failed=0)


@pytest.mark.parametrize("due", [1, 3])
def test_queries_per_sweep_do_not_grow_with_the_reminders_beyond_one_update_per_message(
    due, django_assert_num_queries, mailoutbox
):
    clinic = ClinicFactory(start=START)
    for number in range(due):
        _registered(clinic, email=f"person{number}@example.org")

    # Plan: 2 reads before the clinic, 4 after it, the keys already written, the people, the insert (in a
    # savepoint); the outbox: expire 2, claim 6 (two reads and locks, the lease, the rows, 2 savepoints under the
    # test's own transaction), compose 6 (clinics, materials, people, 3 checks), the refused addresses, and the
    # empty claim that ends the loop: 28 in all, and one write per message, marking it sent.
    with django_assert_num_queries(28 + due):
        result = reminders.sweep(now=START - timedelta(hours=23))

    assert result == reminders.SweepResult(planned=due, sent=due, skipped=0, failed=0)


@pytest.mark.parametrize("rows", [1, 3])
def test_liaisons_read_the_reminders_in_the_outbox_admin_without_addresses(rows, client, django_assert_num_queries):
    clinic = ClinicFactory(start=START, title="Grants")
    for number in range(rows):
        _registered(clinic, email=f"person{number}@example.org")
    reminders.sweep(now=START - timedelta(hours=23))
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)

    with django_assert_num_queries(8):
        response = client.get(reverse("admin:mail_email_changelist") + "?kind__exact=reminder")

    assert response.status_code == 200
    assert response.content.decode().count('<td class="field-state">Sent</td>') == rows
    assert "@example.org" not in response.content.decode()
    assert client.get(reverse("admin:mail_email_add")).status_code == 403


def test_beat_sweeps_for_due_reminders_every_minute_and_drops_a_sweep_that_waited_longer(settings):
    assert settings.CELERY_BEAT_SCHEDULE["clinic-reminders"] == {
        "task": "clinics.tasks.plan_reminders",
        "schedule": 60.0,
        "options": {"expires": 60.0},
    }
