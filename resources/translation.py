"""modeltranslation registration for resources: title and summary, English as the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import Resource


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
