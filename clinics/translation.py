"""modeltranslation registration for clinics and topics."""

from modeltranslation.translator import TranslationOptions, register

from .models import Clinic, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Clinic)
class ClinicTranslationOptions(TranslationOptions):
    fields = ("title", "purpose", "audience")
