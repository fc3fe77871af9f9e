"""factory_boy factories: plain, valid objects with no surprises."""

from datetime import timedelta

import factory
from django.utils import timezone

from clinics.models import Attendance, Clinic, Topic
from participants.models import Participant, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Participant {n}")
    country_id = "KE"
    role = Participant.Role.INDIVIDUAL_EDITOR
    listed = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic

    title = factory.Sequence(lambda n: f"Clinic {n}")
    slug = factory.Sequence(lambda n: f"clinic-{n}")
    topic = factory.SubFactory(TopicFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    status = Clinic.Status.SCHEDULED


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    clinic = factory.SubFactory(ClinicFactory)
    participant = factory.SubFactory(ParticipantFactory)


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Announcement"

    subject_en = factory.Sequence(lambda n: f"Announcement {n}")
    body_en = "News from the program."


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Ambassador"

    participant = factory.SubFactory(ParticipantFactory)
