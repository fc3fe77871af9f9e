"""Who is told when a clinic is cancelled or moved: each person once, in their language, with a calendar file only
where the event is in their calendar; and how the time reads in an email, with or without a time zone."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from clinics import services
from clinics.models import Clinic, Registration
from tests.factories import ClinicFactory, ClinicSharerFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

START = datetime(2030, 5, 14, 6, 12, tzinfo=UTC)


@pytest.fixture
def people():
    """A clinic with someone registered (French), someone waitlisted (Spanish), someone who cancelled, a sharer
    (Arabic) and a sharer who also registered."""
    clinic = ClinicFactory(title="Grants 101", start=START, capacity=2)
    registered = ParticipantFactory(user__email="rose@example.org", email_language="fr")
    waitlisted = ParticipantFactory(user__email="wen@example.org", email_language="es")
    cancelled = ParticipantFactory(user__email="cal@example.org")
    sharer = ParticipantFactory(user__email="sami@example.org", email_language="ar")
    sharer_registered = ParticipantFactory(user__email="sara@example.org")
    RegistrationFactory(clinic=clinic, participant=registered)
    RegistrationFactory(clinic=clinic, participant=sharer_registered)
    RegistrationFactory(clinic=clinic, participant=waitlisted, status=Registration.Status.WAITLISTED)
    RegistrationFactory(clinic=clinic, participant=cancelled, status=Registration.Status.CANCELLED)
    ClinicSharerFactory(clinic=clinic, participant=sharer)
    ClinicSharerFactory(clinic=clinic, participant=sharer_registered)
    ClinicSharerFactory(clinic=clinic, participant=None, name="A guest", email="guest@example.org")
    return clinic


def _calendar_method_and_status(email):
    """(METHOD of the attached calendar, STATUS of its event, its start) or None without an attachment."""
    if not email.attachments:
        return None
    document = Calendar.from_ical(email.attachments[0][1])
    event = document.walk("VEVENT")[0]
    return (str(document.get("method", "")), str(event["status"]), event["dtstart"].dt)


def test_cancelling_tells_each_person_once_in_their_language_with_a_cancel_only_for_those_who_had_the_event(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_clinic(clinic=people)

    assert sorted((email.to[0], email.subject, _calendar_method_and_status(email)) for email in mailoutbox) == [
        ("rose@example.org", "[Let's Connect] Annulation\xa0: Grants 101", ("CANCEL", "CANCELLED", START)),
        ("sami@example.org", "[Let's Connect] أُلغيت: Grants 101", ("CANCEL", "CANCELLED", START)),
        ("sara@example.org", "[Let's Connect] Cancelled: Grants 101", ("CANCEL", "CANCELLED", START)),
        ("wen@example.org", "[Let's Connect] Cancelada: Grants 101", None),
    ]
    by_address = {email.to[0]: email.body for email in mailoutbox}
    assert "para la que estaba en la lista de espera" in by_address["wen@example.org"]
    assert "calendario" not in by_address["wen@example.org"]


def test_moving_gives_the_new_time_to_everyone_and_a_calendar_file_only_to_those_with_a_place_or_a_share(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    previous_start, people.start = people.start, START + timedelta(days=1)
    people.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_changed(
            clinic=people,
            previous_start=previous_start,
            previous_duration=people.duration,
            previous_status=Clinic.Status.SCHEDULED,
        )

    new_start = START + timedelta(days=1)
    assert sorted((email.to[0], _calendar_method_and_status(email)) for email in mailoutbox) == [
        ("rose@example.org", ("", "CONFIRMED", new_start)),
        ("sami@example.org", ("", "CONFIRMED", new_start)),
        ("sara@example.org", ("", "CONFIRMED", new_start)),
        ("wen@example.org", None),
    ]
    waitlisted = next(email for email in mailoutbox if email.to[0] == "wen@example.org")
    assert "Sigue en la lista de espera" in waitlisted.body
    assert "calendario" not in waitlisted.body.split("Sigue en la lista de espera")[0]


def test_an_email_to_someone_without_a_time_zone_prints_the_time_once_in_utc(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(title="Grants 101", start=START)
    participant = ParticipantFactory(time_zone="")

    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=participant, clinic=clinic)

    body = mailoutbox[0].body
    assert "When: May 14, 2030, 6:12\u202fAM (UTC)" in body
    assert (body.count("6:12\u202fAM"), "In UTC" in body) == (1, False)


def test_an_email_to_someone_with_a_time_zone_prints_their_time_and_utc_once_each(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(title="Grants 101", start=START)
    participant = ParticipantFactory(time_zone="Africa/Nairobi")

    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=participant, clinic=clinic)

    body = mailoutbox[0].body
    assert "When: May 14, 2030, 9:12\u202fAM (Africa/Nairobi)\nIn UTC: May 14, 2030, 6:12\u202fAM\n" in body
    assert body.count("6:12\u202fAM") == 1
