"""Feedback from the people who took part, what liaisons see of it, and sharers on the clinic's page."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from clinics import services
from clinics.models import Clinic, ClinicSharer, Feedback
from participants.services import erase_account
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def _held_clinic(**fields):
    return ClinicFactory(start=timezone.now() - timedelta(days=1), status=Clinic.Status.HELD, **fields)


def test_an_attendee_gives_feedback_once_and_can_change_it(client):
    clinic = _held_clinic()
    attendee = AttendanceFactory(clinic=clinic).participant
    client.force_login(attendee.user)
    url = reverse("clinics:feedback", kwargs={"slug": clinic.slug})

    page = client.get(clinic.get_absolute_url())
    client.post(url, {"rating": "4", "learned": "How to write a grant report", "will_apply": ""})
    response = client.post(url, {"rating": "5", "learned": "Grant reports", "will_apply": "Our next report"})

    assert 'id="feedback"' in page.content.decode()
    assert response.url == clinic.get_absolute_url() + "#feedback"
    assert list(Feedback.objects.values_list("participant", "rating", "learned", "will_apply")) == [
        (attendee.pk, 5, "Grant reports", "Our next report")
    ]


@pytest.mark.parametrize(
    ("rating", "error"),
    [
        ("", "Choose how useful the session was."),
        ("9", "Select a valid choice. 9 is not one of the available choices."),
    ],
)
def test_a_bad_rating_shows_the_form_again_with_what_was_typed_and_saves_nothing(client, rating, error):
    clinic = _held_clinic()
    attendee = AttendanceFactory(clinic=clinic).participant
    client.force_login(attendee.user)

    response = client.post(
        reverse("clinics:feedback", kwargs={"slug": clinic.slug}), {"rating": rating, "learned": "Kept text"}
    )

    assert response.status_code == 400
    assert response.context["feedback_form"].errors["rating"] == [error]
    assert "Kept text" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_someone_who_did_not_take_part_or_a_clinic_not_yet_started_takes_no_feedback(client):
    held = _held_clinic()
    upcoming = ClinicFactory()
    stranger = ParticipantFactory()
    registered = ParticipantFactory()
    services.register(participant=registered, clinic=upcoming)

    client.force_login(stranger.user)
    refused = client.post(reverse("clinics:feedback", kwargs={"slug": held.slug}), {"rating": "5"}, follow=True)
    client.force_login(registered.user)
    early_page = client.get(upcoming.get_absolute_url())
    client.post(reverse("clinics:feedback", kwargs={"slug": upcoming.slug}), {"rating": "5"})

    assert [str(message) for message in refused.context["messages"]] == [
        "Feedback is open to the people who attended, once the clinic has started."
    ]
    assert (early_page.context["feedback_form"], Feedback.objects.count()) == (None, 0)


def test_once_attendance_is_recorded_only_attendees_give_feedback_before_that_the_registered_do():
    clinic = ClinicFactory(start=timezone.now() + timedelta(minutes=5))
    attended, stayed_away = ParticipantFactory(), ParticipantFactory()
    for participant in (attended, stayed_away):
        services.register(participant=participant, clinic=clinic)
    Clinic.objects.filter(pk=clinic.pk).update(start=timezone.now() - timedelta(hours=3))
    clinic.refresh_from_db()

    before = [services.can_give_feedback(clinic=clinic, participant=p) for p in (attended, stayed_away)]
    AttendanceFactory(clinic=clinic, participant=attended)
    after = [services.can_give_feedback(clinic=clinic, participant=p) for p in (attended, stayed_away)]

    assert (before, after) == ([True, True], [True, False])


def test_feedback_outlives_the_account_without_the_person(client):
    clinic = _held_clinic()
    attendee = AttendanceFactory(clinic=clinic).participant
    services.give_feedback(clinic=clinic, participant=attendee, rating=3, learned="Something")

    erase_account(user=attendee.user)

    assert list(Feedback.objects.values_list("participant", "rating")) == [(None, 3)]


def test_liaisons_see_the_average_rating_per_clinic_and_per_topic(client):
    topic = TopicFactory(name="Grants")
    first, second = _held_clinic(topic=topic, title="First"), _held_clinic(topic=topic, title="Second")
    for clinic, ratings in ((first, [5, 4]), (second, [3])):
        for rating in ratings:
            participant = AttendanceFactory(clinic=clinic).participant
            services.give_feedback(clinic=clinic, participant=participant, rating=rating)
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)

    clinics = client.get(reverse("admin:clinics_clinic_changelist")).context["cl"].result_list
    topics = client.get(reverse("admin:clinics_topic_changelist")).context["cl"].result_list

    assert sorted((clinic.title, clinic.rating) for clinic in clinics) == [("First", 4.5), ("Second", 3.0)]
    assert [(row.name, row.feedback_total, round(row.rating, 2)) for row in topics] == [("Grants", 3, 4.0)]


def test_the_clinic_page_names_its_sharers_without_their_email_and_links_listed_profiles(client):
    clinic = ClinicFactory()
    listed = ParticipantFactory(display_name="Listed Sharer", listed=True)
    unlisted = ParticipantFactory(display_name="Unlisted Sharer", listed=False)
    ClinicSharer.objects.create(clinic=clinic, participant=listed, position=1)
    ClinicSharer.objects.create(clinic=clinic, participant=unlisted, position=2)
    ClinicSharer.objects.create(
        clinic=clinic,
        name="Guest Staff",
        email="guest.staff@example.org",
        foundation_staff=True,
        department="Community Programs",
        position=3,
    )

    page = client.get(clinic.get_absolute_url()).content.decode()

    assert f'<a href="{listed.get_absolute_url()}"><bdi>Listed Sharer</bdi></a>' in page
    assert "Unlisted Sharer" in page
    assert unlisted.get_absolute_url() not in page
    assert "<bdi>Guest Staff</bdi> · Wikimedia Foundation, Community Programs" in page
    assert "guest.staff@example.org" not in page


def test_a_sharer_who_deletes_their_account_leaves_an_anonymous_share(client):
    clinic = _held_clinic()
    sharer = ParticipantFactory(display_name="Gone Sharer")
    ClinicSharer.objects.create(clinic=clinic, participant=sharer, affiliation="Wikimedia Kenya")

    erase_account(user=sharer.user)

    share = ClinicSharer.objects.get()
    assert (share.participant, share.name, share.affiliation, share.anonymous) == (None, "", "", True)
    assert "Gone Sharer" not in client.get(clinic.get_absolute_url()).content.decode()
