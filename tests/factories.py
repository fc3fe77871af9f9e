"""factory_boy factories: plain, valid objects with no surprises."""

from datetime import timedelta

import factory
from django.utils import timezone

from badges.models import Certificate
from clinics.models import Attendance, Clinic, ClinicSharer, Registration, Topic
from participants.models import Affiliate, Participant, User
from resources.models import Resource, ResourceLanguage


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


class ClinicSharerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicSharer

    clinic = factory.SubFactory(ClinicFactory)
    participant = factory.SubFactory(ParticipantFactory)


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate of participation in English for one held clinic, as `issue_certificate` freezes it."""

    class Meta:
        model = Certificate

    participant = factory.SubFactory(ParticipantFactory)
    kind = Certificate.Kind.PARTICIPATION
    language = "en"
    holder_name = factory.LazyAttribute(lambda certificate: certificate.participant.display_name)
    clinics = factory.LazyFunction(
        lambda: [{"title": "Writing grant reports", "topic": "Grants", "start": "2026-03-12T14:00:00+03:00"}]
    )


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    clinic = factory.SubFactory(ClinicFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = Registration.Status.REGISTERED


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published link in English; `languages=["sw", "en"]` and `skills=[...]` set the others."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = Resource.Kind.GUIDE
    minutes = 15
    url = factory.Sequence(lambda n: f"https://meta.wikimedia.org/wiki/Guide_{n}")

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        for code in extracted if extracted is not None else ["en"]:
            ResourceLanguage.objects.create(resource=self, language=code)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if extracted:
            self.skills.set(extracted)


class AffiliateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliate

    name = factory.Sequence(lambda n: f"Wikimedia Test User Group {n}")
    kind = Affiliate.Kind.USER_GROUP


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Announcement"

    subject_en = factory.Sequence(lambda n: f"Announcement {n}")
    body_en = "News from the program."


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Ambassador"

    participant = factory.SubFactory(ParticipantFactory)
