"""A clinic's page shows only what fits its phase (upcoming, moved, live, cancelled, held, past) to each kind of
visitor (anonymous, signed-in participant, registered, waitlisted, sharer, liaison): the life-cycle table."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from clinics import services
from clinics.models import Clinic, Registration
from tests.factories import ClinicFactory, ClinicSharerFactory, ParticipantFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

MEETING_URL = "https://meet.example.org/grant-writing"

# What a page may show, each by a piece of its HTML only that part has.
TAKE_PART = 'id="rsvp-title"'
REGISTER_FORM = "rsvp-form"  # the form's action, see _markers
SIGN_IN = "Sign in</a> to register."
FINISH_PROFILE = "Finish your profile to register."
YOU_ARE_REGISTERED = "You are registered."
WAITLIST_PROMISE = "it is yours automatically"
SHARING = "You share your skills at this clinic."
CANCEL_MINE = "cancel-form"
JOIN = MEETING_URL
CALENDAR_FILE = "ics-link"
PLACES_LEFT = "Places left"
REMINDERS = "gets a reminder by email 1\xa0day before the start and another 1\xa0hour before"
CANCELLED = "This clinic has been cancelled."
NO_LONGER_HOLDS = "Your registration no longer holds"
MOVED = "This clinic has moved to a new time."
TOOK_PLACE = "This clinic has taken place."
FEEDBACK = 'id="feedback-title"'
MANAGE = "Manage this clinic in the admin"

ALL = {
    TAKE_PART, REGISTER_FORM, SIGN_IN, FINISH_PROFILE, YOU_ARE_REGISTERED, WAITLIST_PROMISE, SHARING, CANCEL_MINE,
    JOIN, CALENDAR_FILE, PLACES_LEFT, REMINDERS, CANCELLED, NO_LONGER_HOLDS, MOVED, TOOK_PLACE, FEEDBACK, MANAGE,
}  # fmt: skip

UPCOMING_BASE = {TAKE_PART, CALENDAR_FILE, PLACES_LEFT}
LIFE_CYCLE = [
    # phase, visitor, what the page shows (everything else in ALL it must not show)
    ("upcoming", "anonymous", UPCOMING_BASE | {SIGN_IN, REMINDERS}),
    ("upcoming", "participant", UPCOMING_BASE | {REGISTER_FORM, REMINDERS}),
    ("upcoming", "registered", UPCOMING_BASE | {YOU_ARE_REGISTERED, CANCEL_MINE, REMINDERS}),
    ("upcoming", "waitlisted", UPCOMING_BASE | {WAITLIST_PROMISE, CANCEL_MINE}),
    ("upcoming", "sharer", UPCOMING_BASE | {SHARING}),
    ("upcoming", "liaison", UPCOMING_BASE | {FINISH_PROFILE, MANAGE}),
    ("moved", "anonymous", UPCOMING_BASE | {SIGN_IN, REMINDERS, MOVED}),
    ("moved", "registered", UPCOMING_BASE | {YOU_ARE_REGISTERED, CANCEL_MINE, REMINDERS, MOVED}),
    ("moved", "waitlisted", UPCOMING_BASE | {WAITLIST_PROMISE, CANCEL_MINE, MOVED}),
    ("moved", "sharer", UPCOMING_BASE | {SHARING, MOVED}),
    ("moved", "liaison", UPCOMING_BASE | {FINISH_PROFILE, MANAGE, MOVED}),
    ("live", "anonymous", {TAKE_PART, CALENDAR_FILE}),
    ("live", "participant", {TAKE_PART, CALENDAR_FILE}),
    ("live", "registered", {TAKE_PART, CALENDAR_FILE, YOU_ARE_REGISTERED, JOIN, FEEDBACK}),
    ("live", "waitlisted", {TAKE_PART, CALENDAR_FILE}),
    ("live", "sharer", {TAKE_PART, CALENDAR_FILE, SHARING, JOIN}),
    ("live", "liaison", {TAKE_PART, CALENDAR_FILE, MANAGE}),
    ("cancelled", "anonymous", {CANCELLED}),
    ("cancelled", "participant", {CANCELLED}),
    ("cancelled", "registered", {CANCELLED, NO_LONGER_HOLDS}),
    ("cancelled", "waitlisted", {CANCELLED, NO_LONGER_HOLDS}),
    ("cancelled", "sharer", {CANCELLED}),
    ("cancelled", "liaison", {CANCELLED, MANAGE}),
    ("held", "anonymous", {TOOK_PLACE}),
    ("held", "participant", {TOOK_PLACE}),
    ("held", "registered", {TOOK_PLACE, FEEDBACK}),
    ("held", "waitlisted", {TOOK_PLACE}),
    ("held", "sharer", {TOOK_PLACE}),
    ("held", "liaison", {TOOK_PLACE, MANAGE}),
    ("past", "anonymous", {TOOK_PLACE}),
    ("past", "registered", {TOOK_PLACE, FEEDBACK}),
    ("past", "waitlisted", {TOOK_PLACE}),
    ("past", "liaison", {TOOK_PLACE, MANAGE}),
]


def _clinic(phase):
    now = timezone.now()
    fields = {"capacity": 10, "meeting_url": MEETING_URL, "duration": timedelta(hours=2)}
    if phase == "upcoming":
        return ClinicFactory(start=now + timedelta(days=7), **fields)
    if phase == "moved":
        return ClinicFactory(start=now + timedelta(days=7), previous_start=now + timedelta(days=5), **fields)
    if phase == "live":
        return ClinicFactory(start=now - timedelta(minutes=30), **fields)
    if phase == "cancelled":
        return ClinicFactory(start=now + timedelta(days=7), status=Clinic.Status.CANCELLED, **fields)
    if phase == "held":
        return ClinicFactory(start=now - timedelta(days=7), status=Clinic.Status.HELD, **fields)
    return ClinicFactory(start=now - timedelta(days=7), **fields)  # past: never marked held


def _visit(client, clinic, visitor):
    if visitor == "liaison":
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get(name="Liaison"))
        client.force_login(user)
    elif visitor != "anonymous":
        participant = ParticipantFactory()
        client.force_login(participant.user)
        if visitor in ("registered", "waitlisted"):
            RegistrationFactory(clinic=clinic, participant=participant, status=visitor)
        elif visitor == "sharer":
            ClinicSharerFactory(clinic=clinic, participant=participant)
    return client.get(clinic.get_absolute_url())


def _markers(html, clinic):
    """Which of ALL the page shows; the forms and the .ics link are told apart by their addresses."""
    by_address = {
        REGISTER_FORM: f'action="{reverse("clinics:rsvp", kwargs={"slug": clinic.slug})}"',
        CANCEL_MINE: f'action="{reverse("clinics:cancel", kwargs={"slug": clinic.slug})}"',
        CALENDAR_FILE: f'href="{reverse("clinics:ics", kwargs={"slug": clinic.slug})}"',
    }
    return {marker for marker in ALL if by_address.get(marker, marker) in html}


@pytest.mark.parametrize(("phase", "visitor", "shown"), LIFE_CYCLE, ids=[f"{p}-{v}" for p, v, _s in LIFE_CYCLE])
def test_a_clinic_page_shows_only_what_fits_its_phase_to_each_visitor(client, phase, visitor, shown):
    clinic = _clinic(phase)

    response = _visit(client, clinic, visitor)

    assert response.status_code == 200
    assert _markers(response.content.decode(), clinic) == shown


def test_a_registered_person_who_turned_reminders_off_is_told_none_will_come(client):
    clinic = _clinic("upcoming")
    participant = ParticipantFactory(reminders_enabled=False)
    RegistrationFactory(clinic=clinic, participant=participant)
    client.force_login(participant.user)

    html = client.get(clinic.get_absolute_url()).content.decode()

    assert "You turned off clinic reminders: no email will remind you of this clinic." in html
    assert REMINDERS not in html


def test_interpretation_is_named_language_by_language_in_the_page_language(client):
    clinic = ClinicFactory(language="en", interpretation_languages=["es", "fr"])

    english = client.get(clinic.get_absolute_url()).content.decode()
    french = client.get(clinic.get_absolute_url().replace("/en/", "/fr/", 1)).content.decode()

    assert "English · with interpretation into Spanish and French" in english
    assert "avec interprétation en espagnol et français" in french


def test_moving_a_scheduled_clinic_keeps_its_old_start_for_the_page_and_cancelling_it_keeps_none():
    clinic = _clinic("upcoming")
    first_start = clinic.start
    clinic.start = first_start + timedelta(days=1)
    clinic.save()

    services.schedule_changed(
        clinic=clinic, previous_start=first_start, previous_duration=clinic.duration, previous_status=clinic.status
    )
    moved_from = Clinic.objects.get(pk=clinic.pk).previous_start
    clinic.status = Clinic.Status.CANCELLED
    clinic.save()
    services.schedule_changed(
        clinic=clinic,
        previous_start=clinic.start,
        previous_duration=clinic.duration,
        previous_status=Clinic.Status.SCHEDULED,
    )

    assert (moved_from, Clinic.objects.get(pk=clinic.pk).previous_start) == (first_start, None)


def test_a_waitlisted_persons_page_after_cancelling_holds_no_promise_no_places_and_no_calendar_file(client):
    clinic = _clinic("upcoming")
    participant = ParticipantFactory()
    RegistrationFactory(clinic=clinic, participant=participant, status=Registration.Status.WAITLISTED)
    clinic.status = Clinic.Status.CANCELLED
    clinic.save()
    client.force_login(participant.user)

    html = client.get(clinic.get_absolute_url()).content.decode()

    assert CANCELLED in html
    assert (WAITLIST_PROMISE in html, PLACES_LEFT in html, ".ics" in html, "Take part" in html) == (
        False,
        False,
        False,
        False,
    )
