"""RSVP: a place or the waitlist, cancelling, automatic promotion, and what is refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clinics import services
from clinics.models import Clinic, Registration
from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def _statuses(clinic):
    return [(row.participant.display_name, row.status) for row in clinic.registrations.order_by("created_at", "pk")]


def test_a_full_clinic_puts_people_on_the_waitlist_and_a_freed_place_promotes_the_first(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(capacity=1, title="Grants 101")
    first, second, third = (
        ParticipantFactory(display_name=name, user__email=f"{name.lower()}@example.org")
        for name in ("Ana", "Ben", "Cai")
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(participant=first, clinic=clinic)
        services.register(participant=second, clinic=clinic)
        services.register(participant=third, clinic=clinic)
        services.cancel(registration=registration)

    assert _statuses(clinic) == [("Ana", "cancelled"), ("Ben", "registered"), ("Cai", "waitlisted")]
    assert [(email.to, email.subject) for email in mailoutbox] == [
        (["ana@example.org"], "[Let's Connect] You are registered: Grants 101"),
        (["ben@example.org"], "[Let's Connect] You are on the waitlist: Grants 101"),
        (["cai@example.org"], "[Let's Connect] You are on the waitlist: Grants 101"),
        (["ben@example.org"], "[Let's Connect] A place is yours: Grants 101"),
    ]
    assert mailoutbox[0].attachments[0][0] == "clinic.ics"


def test_registering_twice_changes_nothing():
    clinic = ClinicFactory()
    participant = ParticipantFactory()

    first = services.register(participant=participant, clinic=clinic)
    second = services.register(participant=participant, clinic=clinic)

    assert first.pk == second.pk
    assert clinic.registrations.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": Clinic.Status.CANCELLED}, "This clinic has been cancelled."),
        (
            {"start": timezone.now() - timedelta(days=1), "status": Clinic.Status.HELD},
            "Registration for this clinic is closed.",
        ),
        ({"status": Clinic.Status.DRAFT}, "Registration for this clinic is closed."),
    ],
)
def test_registration_is_refused_with_a_clear_message_and_nothing_saved(fields, message):
    clinic = ClinicFactory(**fields)

    with pytest.raises(ValidationError) as refused:
        services.register(participant=ParticipantFactory(), clinic=clinic)

    assert refused.value.messages == [message]
    assert clinic.registrations.count() == 0


def test_interpretation_must_be_one_the_clinic_offers():
    clinic = ClinicFactory(interpretation_languages=["es", "ar"])
    participant = ParticipantFactory()

    registration = services.register(participant=participant, clinic=clinic, interpretation_language="ar")
    with pytest.raises(ValidationError):
        services.register(participant=ParticipantFactory(), clinic=clinic, interpretation_language="fr")

    assert registration.interpretation_language == "ar"


def test_rsvp_in_french_through_the_page_shows_a_french_confirmation(client):
    clinic = ClinicFactory(capacity=1)
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.post(f"/fr/clinics/{clinic.slug}/rsvp/", follow=True)

    assert Registration.objects.get(clinic=clinic).status == "registered"
    assert "Vous êtes inscrit·e. Une confirmation vous est envoyée par e-mail." in response.content.decode()


def test_a_cancelled_clinic_page_refuses_the_rsvp_and_says_why(client):
    clinic = ClinicFactory(status=Clinic.Status.CANCELLED)
    client.force_login(ParticipantFactory().user)

    response = client.post(reverse("clinics:rsvp", kwargs={"slug": clinic.slug}), follow=True)

    assert "This clinic has been cancelled." in response.content.decode()
    assert clinic.registrations.count() == 0


def test_the_meeting_link_shows_only_to_registered_people_from_a_day_before(client):
    clinic = ClinicFactory(meeting_url="https://meet.example.org/clinic", start=timezone.now() + timedelta(hours=3))
    participant = ParticipantFactory()
    client.force_login(participant.user)
    assert "meet.example.org" not in client.get(clinic.get_absolute_url()).content.decode()

    services.register(participant=participant, clinic=clinic)

    assert "meet.example.org" in client.get(clinic.get_absolute_url()).content.decode()
    clinic.start = timezone.now() + timedelta(days=3)
    clinic.save()
    assert "meet.example.org" not in client.get(clinic.get_absolute_url()).content.decode()


def test_the_rsvp_button_is_worded_for_a_clinic_not_for_an_account(client):
    clinic = ClinicFactory()
    client.force_login(ParticipantFactory().user)

    page = client.get(f"/es/clinics/{clinic.slug}/").content.decode()

    assert ">Inscribirme</button>" in page
