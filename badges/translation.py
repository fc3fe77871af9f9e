"""modeltranslation registration for badge texts."""

from modeltranslation.translator import TranslationOptions, register

from .models import BadgeClass


@register(BadgeClass)
class BadgeClassTranslationOptions(TranslationOptions):
    fields = ("name", "description", "criteria")
