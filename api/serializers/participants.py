"""Participants exactly as their public profile page shows them, and nothing more: never email, gender or age."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from participants.models import HomeWiki, Participant, SpokenLanguage

from .fields import SiteLinkField, TranslationsField
from .skills import SkillRefSerializer


class RegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    names = TranslationsField("name")


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(source="code.code")
    name = serializers.CharField()
    region = RegionSerializer(allow_null=True)


class SpokenLanguageSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="language")
    name = serializers.CharField()

    class Meta:
        model = SpokenLanguage
        fields = ["code", "name", "level"]


class HomeWikiSerializer(serializers.ModelSerializer):
    code = serializers.CharField(help_text="`sw.wikipedia`, or `wikidata`.")
    name = serializers.CharField(source="__str__")

    class Meta:
        model = HomeWiki
        fields = ["code", "project", "language", "name"]


class AffiliationSerializer(serializers.Serializer):
    kind = serializers.CharField(source="affiliation")
    label = serializers.CharField(source="get_affiliation_display")
    affiliates = serializers.SerializerMethodField()
    group_name = serializers.SerializerMethodField()

    def get_affiliates(self, participant) -> list[str]:
        if participant.affiliation != Participant.Affiliation.AFFILIATE:
            return []
        return [affiliate.name for affiliate in participant.affiliates.all()]

    def get_group_name(self, participant) -> str:
        return participant.group_name if participant.affiliation == Participant.Affiliation.UNRECOGNISED_GROUP else ""


class SharedSkillSerializer(serializers.Serializer):
    skill = SkillRefSerializer()
    level = serializers.CharField()


class ParticipantSkillsSerializer(serializers.Serializer):
    share = serializers.SerializerMethodField()
    learn = serializers.SerializerMethodField()

    def _rows(self, participant, kind):
        return [row for row in participant.skills.all() if row.kind == kind]

    @extend_schema_field(SharedSkillSerializer(many=True))
    def get_share(self, participant):
        return SharedSkillSerializer(self._rows(participant, "share"), many=True).data

    @extend_schema_field(SkillRefSerializer(many=True))
    def get_learn(self, participant):
        return SkillRefSerializer([row.skill for row in self._rows(participant, "learn")], many=True).data


class ClinicLinkSerializer(serializers.Serializer):
    slug = serializers.CharField(source="clinic.slug")
    title = serializers.CharField(source="clinic.title")
    start = serializers.DateTimeField(source="clinic.start")


class AwardSerializer(serializers.Serializer):
    badge = serializers.CharField(source="badge.slug")
    name = serializers.CharField(source="badge.name")
    awarded_at = serializers.DateTimeField()
    url = SiteLinkField()


class PublicProfileSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username")
    url = SiteLinkField()
    role_label = serializers.CharField(source="get_role_display")
    country = CountrySerializer(allow_null=True)
    languages = SpokenLanguageSerializer(many=True)
    home_wikis = HomeWikiSerializer(many=True)
    affiliation = serializers.SerializerMethodField(help_text="Null unless the participant shows it.")
    areas_of_work = serializers.ListField(child=serializers.CharField())
    skills = ParticipantSkillsSerializer(source="*")
    clinics_attended = ClinicLinkSerializer(many=True, source="held_attendances")
    clinics_shared = ClinicLinkSerializer(many=True, source="public_shares")
    badges = AwardSerializer(many=True, source="valid_awards")

    class Meta:
        model = Participant
        fields = [
            "username",
            "url",
            "display_name",
            "pronouns",
            "role",
            "role_label",
            "country",
            "languages",
            "wikimedia_username",
            "wikimedia_username_verified",
            "home_wikis",
            "affiliation",
            "areas_of_work",
            "wiki_experience",
            "time_zone",
            "bio",
            "skills",
            "clinics_attended",
            "clinics_shared",
            "badges",
        ]

    @extend_schema_field(AffiliationSerializer(allow_null=True))
    def get_affiliation(self, participant):
        if not (participant.show_affiliation and participant.affiliation):
            return None
        return AffiliationSerializer(participant).data
