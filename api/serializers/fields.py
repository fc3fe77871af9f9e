"""Fields the API's serializers share: names in every shipped language, absolute links to the site."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translations(instance, field):
    """{language: text} of a modeltranslation field, for every shipped language that has a text."""
    return {code: text for code in LANGUAGE_CODES if (text := getattr(instance, f"{field}_{code}", None))}


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "description": "The text in each shipped language that has one (language code: text).",
        "example": {"en": "Wikidata", "es": "Wikidata"},
    }
)
class TranslationsField(serializers.Field):
    def __init__(self, field, **kwargs):
        self.translated_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return translations(instance, self.translated_field)


def site_link(path):
    return settings.SITE_URL + path


@extend_schema_field(OpenApiTypes.URI)
class SiteLinkField(serializers.Field):
    """The absolute address of a page of the site about the object, in the language of the request: its
    `get_absolute_url()`, or the URL named `view_name` with the object's slug."""

    def __init__(self, view_name=None, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        if self.view_name is None:
            return site_link(instance.get_absolute_url())
        return site_link(reverse(self.view_name, kwargs={"slug": instance.slug}))
