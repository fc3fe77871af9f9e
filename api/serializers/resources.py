"""Published learning resources."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resources.models import Resource

from .fields import SiteLinkField, TranslationsField, site_link
from .skills import SkillRefSerializer


class ResourceSerializer(serializers.ModelSerializer):
    url = SiteLinkField()
    titles = TranslationsField("title")
    link = serializers.SerializerMethodField(help_text="Where the material is read: its link, or its file.")
    languages = serializers.SerializerMethodField()
    skills = SkillRefSerializer(many=True, read_only=True)
    clinic = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    licence_url = serializers.CharField(read_only=True)

    class Meta:
        model = Resource
        fields = [
            "slug",
            "url",
            "title",
            "titles",
            "summary",
            "kind",
            "minutes",
            "languages",
            "skills",
            "clinic",
            "link",
            "licence",
            "licence_url",
            "author",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_link(self, resource):
        return resource.url or site_link(resource.href)

    def get_languages(self, resource) -> list[str]:
        return [row.language for row in resource.languages.all()]
