"""Clinics as anyone may read them: never the meeting link, never who registered."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clinics.lifecycle import MEETING_LINK_SHOWN_BEFORE
from clinics.models import Clinic, ClinicMaterial, ClinicSharer, Registration, Topic

from .fields import SiteLinkField, TranslationsField, site_link
from .skills import SkillRefSerializer


class TopicSerializer(serializers.ModelSerializer):
    names = TranslationsField("name")

    class Meta:
        model = Topic
        fields = ["slug", "name", "names"]


class SharerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")
    username = serializers.SerializerMethodField(
        help_text="The sharer's username when their profile is public (in the Skills Directory), else null."
    )

    class Meta:
        model = ClinicSharer
        fields = ["name", "username", "foundation_staff", "affiliation", "department"]

    def get_username(self, sharer) -> str | None:
        participant = sharer.participant
        if participant is not None and participant.listed and participant.user.is_active:
            return participant.user.username
        return None


class MaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClinicMaterial
        fields = ["kind", "language", "url"]


class ClinicSerializer(serializers.ModelSerializer):
    url = SiteLinkField()
    ics_url = serializers.SerializerMethodField(help_text="The clinic as an iCalendar (.ics) file.")
    topic = TopicSerializer(read_only=True)
    titles = TranslationsField("title")
    skills = SkillRefSerializer(many=True, read_only=True)
    region = serializers.CharField(source="region_id", allow_null=True, help_text="A Wikimedia region code.")
    end = serializers.DateTimeField(read_only=True)
    duration_minutes = serializers.SerializerMethodField()
    places_left = serializers.SerializerMethodField(help_text="Null when the clinic has no capacity limit.")
    sharers = SharerSerializer(many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    interpretation_languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Clinic
        fields = [
            "slug",
            "url",
            "ics_url",
            "title",
            "titles",
            "kind",
            "status",
            "scope",
            "region",
            "topic",
            "skills",
            "language",
            "interpretation_languages",
            "start",
            "end",
            "duration_minutes",
            "capacity",
            "places_left",
            "purpose",
            "audience",
            "conference_name",
            "conference_place",
            "sharers",
            "recording_url",
            "notes_url",
            "materials",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_ics_url(self, clinic):
        return site_link(reverse("clinics:ics", kwargs={"slug": clinic.slug}))

    def get_duration_minutes(self, clinic) -> int:
        return int(clinic.duration.total_seconds() // 60)

    def get_places_left(self, clinic) -> int | None:
        if clinic.capacity is None:
            return None
        return max(clinic.capacity - clinic.confirmed_count, 0)


class ClinicRefSerializer(serializers.ModelSerializer):
    url = SiteLinkField()

    class Meta:
        model = Clinic
        fields = ["slug", "title", "start", "url"]


class RegistrationSerializer(serializers.ModelSerializer):
    """One of the signed-in person's RSVPs."""

    clinic = ClinicRefSerializer(read_only=True)
    meeting_url = serializers.SerializerMethodField(
        help_text="The link to join, for a confirmed place, from a day before the clinic until its end; else null."
    )

    class Meta:
        model = Registration
        fields = ["clinic", "status", "interpretation_language", "created_at", "updated_at", "meeting_url"]

    def get_meeting_url(self, registration) -> str | None:
        clinic = registration.clinic
        shown = (
            registration.status == Registration.Status.REGISTERED
            and clinic.meeting_url
            and clinic.start - MEETING_LINK_SHOWN_BEFORE <= timezone.now() <= clinic.end
        )
        return clinic.meeting_url if shown else None


class RegistrationRequestSerializer(serializers.Serializer):
    clinic = serializers.SlugField(help_text="The clinic's slug.")
    interpretation_language = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10, help_text="A language the clinic offers."
    )
