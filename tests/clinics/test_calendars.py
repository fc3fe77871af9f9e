"""Calendar files: valid iCalendar with the right UTC instants, stable UIDs, cancellations, private feeds."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from clinics import services
from clinics.models import CalendarFeed, Clinic, ClinicMaterial, ClinicSharer
from tests.factories import ClinicFactory, ParticipantFactory, ResourceFactory

pytestmark = pytest.mark.django_db

START = datetime(2030, 3, 4, 14, 0, tzinfo=UTC)
LANGUAGES = ["en", "fr", "ar"]
SLIDES = "https://commons.wikimedia.org/wiki/File:Slides.pdf"


def _events(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_clinics_ics_carries_its_utc_instants_and_a_stable_uid(client):
    clinic = ClinicFactory(title="Wikidata for organisers", start=START, duration=timedelta(minutes=90))

    first = _events(client.get(reverse("clinics:ics", kwargs={"slug": clinic.slug})))
    second = _events(client.get(f"/ar/clinics/{clinic.slug}/calendar.ics"))

    event = first[0]
    assert event.decoded("dtstart") == START
    assert event.decoded("dtend") == START + timedelta(minutes=90)
    assert str(event["summary"]) == "Wikidata for organisers"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["uid"]) == str(second[0]["uid"])


def test_a_change_bumps_the_sequence_and_a_cancellation_says_so(client, admin_client):
    clinic = ClinicFactory(start=START)
    clinic.sequence = 3
    clinic.status = Clinic.Status.CANCELLED
    clinic.save()

    event = _events(client.get(reverse("clinics:ics", kwargs={"slug": clinic.slug})))[0]

    assert (int(event["sequence"]), str(event["status"])) == (3, "CANCELLED")


def test_the_public_feed_lists_upcoming_clinics_but_no_drafts(client):
    ClinicFactory(title="Scheduled one", start=START)
    ClinicFactory(title="Draft one", start=START, status=Clinic.Status.DRAFT)

    events = _events(client.get(reverse("clinics:feed")))

    assert [str(event["summary"]) for event in events] == ["Scheduled one"]


def test_a_private_feed_holds_my_registrations_and_dies_when_replaced(client):
    participant = ParticipantFactory()
    mine = ClinicFactory(title="Mine", start=START)
    ClinicFactory(title="Not mine", start=START)
    services.register(participant=participant, clinic=mine)
    client.force_login(participant.user)
    client.post(reverse("clinics:reset_feed"))
    old_token = CalendarFeed.objects.get(participant=participant).token

    events = _events(client.get(reverse("clinics:personal_feed", kwargs={"token": old_token})))
    client.post(reverse("clinics:reset_feed"))

    assert [str(event["summary"]) for event in events] == ["Mine"]
    assert client.get(reverse("clinics:personal_feed", kwargs={"token": old_token})).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_clinic_pages_cost_the_same_queries_with_1_or_3_clinics(client, django_assert_max_num_queries, count):
    participant = ParticipantFactory()
    clinics = [ClinicFactory(start=START + timedelta(days=number)) for number in range(count)]
    for clinic in clinics:
        services.register(participant=participant, clinic=clinic)
    for number in range(count):
        ClinicSharer.objects.create(clinic=clinics[0], participant=ParticipantFactory(), position=number)
        ClinicMaterial.objects.create(clinic=clinics[0], kind="slides", language=LANGUAGES[number], url=SLIDES)
        ResourceFactory(clinic=clinics[0])
    client.force_login(participant.user)

    with django_assert_max_num_queries(9):
        listing = client.get(reverse("clinics:list"))
    with django_assert_max_num_queries(9):
        detail = client.get(clinics[0].get_absolute_url())

    assert len(listing.context["upcoming"]) == count
    assert (detail.status_code, len(detail.context["sharers"]), len(detail.context["materials"])) == (200, count, count)
