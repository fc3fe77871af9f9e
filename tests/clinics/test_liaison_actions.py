"""What liaisons do to a whole clinic in the admin: publish, move, cancel, duplicate, mark held, and filter."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from clinics import services
from clinics.models import Clinic, ClinicSharer, Registration
from participants.models import Country
from tests.factories import ClinicFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:clinics_clinic_changelist")


@pytest.fixture
def liaison_client(client):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)
    return client


def _act(client, action, *clinics, **extra):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [clinic.pk for clinic in clinics], **extra}, follow=True
    )


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _three_registrants(clinic):
    ana, ben, cai = (
        ParticipantFactory(display_name=name, user__email=f"{name.lower()}@example.org")
        for name in ("Ana", "Ben", "Cai")
    )
    services.register(participant=ana, clinic=clinic)
    services.register(participant=ben, clinic=clinic)
    services.cancel(registration=services.register(participant=cai, clinic=clinic))
    return ana, ben, cai


def test_cancelling_tells_everyone_registered_or_waiting_once_and_calendars_drop_the_event(
    liaison_client, mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(title="Grants 101", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):  # their confirmations leave the outbox
        _three_registrants(clinic)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(liaison_client, "cancel", clinic, apply="1")
    with django_capture_on_commit_callbacks(execute=True):
        _act(liaison_client, "cancel", clinic, apply="1")

    clinic.refresh_from_db()
    assert (clinic.status, clinic.sequence) == (Clinic.Status.CANCELLED, 1)
    assert _messages(response) == ["1 clinic cancelled; its registrants are being told."]
    assert sorted((email.to[0], email.subject) for email in mailoutbox) == [
        ("ana@example.org", "[Let's Connect] Cancelled: Grants 101"),
        ("ben@example.org", "[Let's Connect] Cancelled: Grants 101"),
    ]
    event = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert (str(event["status"]), int(event["sequence"])) == ("CANCELLED", 1)


def _change_form_data(clinic, **changes):
    local = timezone.localtime(clinic.start)
    data = {
        "title_en": clinic.title,
        "slug": clinic.slug,
        "topic": clinic.topic_id,
        "kind": clinic.kind,
        "scope": clinic.scope,
        "language": clinic.language,
        "start_0": local.strftime("%Y-%m-%d"),
        "start_1": local.strftime("%H:%M:%S"),
        "duration": "120",
        "planned_time_zone": clinic.planned_time_zone,
        "status": clinic.status,
        **{
            f"{prefix}-{suffix}": value
            for prefix in ("sharers", "registrations", "attendances", "materials", "feedback")
            for suffix, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        },
    }
    data.update(changes)
    return data


def test_moving_a_clinic_tells_its_registrants_the_new_time_and_a_new_title_only_updates_calendars(
    liaison_client, mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(title="Grants 101", start=datetime(2030, 3, 4, 14, 0, tzinfo=UTC))
    ana = ParticipantFactory(user__email="ana@example.org", time_zone="Europe/Paris", email_language="fr")
    with django_capture_on_commit_callbacks(execute=True):  # the confirmation leaves the outbox
        services.register(participant=ana, clinic=clinic)
    mailoutbox.clear()
    url = reverse("admin:clinics_clinic_change", args=[clinic.pk])
    registrations = clinic.registrations.count()
    initial_forms = {"registrations-TOTAL_FORMS": 1, "registrations-INITIAL_FORMS": 1}
    registration = clinic.registrations.get()
    inline = {
        "registrations-0-id": registration.pk,
        "registrations-0-clinic": clinic.pk,
        "registrations-0-participant": ana.pk,
        "registrations-0-status": "registered",
        "registrations-0-interpretation_language": "",
    }
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        renamed = liaison_client.post(url, _change_form_data(clinic, title_en="Grants 102", **initial_forms, **inline))
    clinic.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        moved = liaison_client.post(url, _change_form_data(clinic, start_1="16:30:00", **initial_forms, **inline))

    clinic.refresh_from_db()
    assert (renamed.status_code, moved.status_code, registrations) == (302, 302, 1)
    assert (clinic.start, clinic.sequence) == (datetime(2030, 3, 4, 16, 30, tzinfo=UTC), 2)
    assert [(email.to, email.subject) for email in mailoutbox] == [
        (["ana@example.org"], "[Let's Connect] Nouvel horaire\u00a0: Grants 102")
    ]
    assert "4 mars 2030, 17:30 (Europe/Paris)" in mailoutbox[0].body


def test_publish_opens_drafts_and_says_which_clinics_it_left_alone(liaison_client):
    draft, scheduled = ClinicFactory(status=Clinic.Status.DRAFT), ClinicFactory()

    response = _act(liaison_client, "publish", draft, scheduled)

    draft.refresh_from_db()
    assert draft.status == Clinic.Status.SCHEDULED
    assert _messages(response) == [
        "1 clinic published.",
        "1 clinic was left as it was: the action does not apply to it.",
    ]


def test_only_a_clinic_that_has_started_can_be_marked_held(liaison_client):
    started = ClinicFactory(start=timezone.now() - timedelta(hours=3))
    upcoming = ClinicFactory()

    _act(liaison_client, "mark_held", started, upcoming)

    assert [Clinic.objects.get(pk=clinic.pk).status for clinic in (started, upcoming)] == ["held", "scheduled"]


def test_duplicating_keeps_the_local_time_across_a_clock_change_and_copies_no_registrations(liaison_client):
    # 15:00 in Paris in winter (14:00 UTC); the copy in April is at 15:00 in Paris too, 13:00 UTC.
    clinic = ClinicFactory(
        title="Grants 101", start=datetime(2030, 3, 4, 14, 0, tzinfo=UTC), planned_time_zone="Europe/Paris"
    )
    ClinicSharer.objects.create(clinic=clinic, name="Guest Sharer", email="guest@example.org")
    services.register(participant=ParticipantFactory(), clinic=clinic)

    form_page = _act(liaison_client, "duplicate", clinic)
    response = _act(liaison_client, "duplicate", clinic, apply="1", date="2030-04-01")

    copy = Clinic.objects.exclude(pk=clinic.pk).get()
    assert form_page.templates[0].name == "admin/clinics/clinic/duplicate.html"
    assert response.redirect_chain[-1][0] == reverse("admin:clinics_clinic_change", args=[copy.pk])
    assert (copy.title, copy.status, copy.start, copy.slug) == (
        "Grants 101",
        Clinic.Status.DRAFT,
        datetime(2030, 4, 1, 13, 0, tzinfo=UTC),
        "grants-101-2030-04-01",
    )
    assert [sharer.name for sharer in copy.sharers.all()] == ["Guest Sharer"]
    assert copy.registrations.count() == 0


def test_a_bad_date_for_the_copy_shows_the_form_again_and_copies_nothing(liaison_client):
    clinic = ClinicFactory()

    response = _act(liaison_client, "duplicate", clinic, apply="1", date="31/02/2030")

    assert response.context["form"].errors == {"date": ["Enter a valid date."]}
    assert Clinic.objects.count() == 1


def test_liaisons_filter_clinics_by_when_and_by_the_region_of_their_sharers(liaison_client):
    past = ClinicFactory(title="Past", start=timezone.now() - timedelta(days=3))
    upcoming = ClinicFactory(title="Upcoming")
    sharer = ParticipantFactory(country=Country.objects.get(code="KE"))
    ClinicSharer.objects.create(clinic=past, participant=sharer)

    upcoming_titles = [c.title for c in liaison_client.get(CHANGELIST, {"when": "upcoming"}).context["cl"].result_list]
    africa_titles = [
        c.title for c in liaison_client.get(CHANGELIST, {"sharer_region": "SSA"}).context["cl"].result_list
    ]

    assert (upcoming_titles, africa_titles, upcoming.title) == (["Upcoming"], ["Past"], "Upcoming")


def test_a_waitlisted_person_hears_the_clinic_moved_and_that_they_still_wait(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(capacity=1)
    first, second = ParticipantFactory(), ParticipantFactory(user__email="wait@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # their confirmations leave the outbox
        services.register(participant=first, clinic=clinic)
        services.register(participant=second, clinic=clinic)
    previous = clinic.start
    clinic.start += timedelta(days=1)
    clinic.save()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_changed(
            clinic=clinic, previous_start=previous, previous_duration=clinic.duration, previous_status=clinic.status
        )

    waiting = next(email for email in mailoutbox if email.to == ["wait@example.org"])
    assert (len(mailoutbox), "You are still on the waitlist." in waiting.body) == (2, True)
    assert Registration.objects.filter(status="waitlisted").count() == 1


@pytest.mark.parametrize("duration", ["0", "-60"])
def test_a_clinic_that_would_end_before_it_starts_is_refused_with_a_clear_message(liaison_client, duration):
    clinic = ClinicFactory(title="Grants 101")
    url = reverse("admin:clinics_clinic_change", args=[clinic.pk])

    response = liaison_client.post(url, _change_form_data(clinic, duration=duration, title_en="Changed"))

    clinic.refresh_from_db()
    assert response.context["adminform"].form.errors["duration"] == [
        "A clinic must end after it starts: give it a duration longer than zero."
    ]
    assert (clinic.title, clinic.duration, clinic.sequence) == ("Grants 101", timedelta(hours=2), 0)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_copy_dated_at_the_ends_of_the_calendar_is_refused_with_a_message(liaison_client, date):
    clinic = ClinicFactory(planned_time_zone="Asia/Tokyo")

    response = _act(liaison_client, "duplicate", clinic, apply="1", date=date)

    assert response.status_code == 200
    assert response.context["form"].errors == {"date": ["Choose a date between the years 2000 and 2100."]}
    assert Clinic.objects.count() == 1
