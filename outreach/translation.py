"""modeltranslation registration: an announcement's subject and body per language, English as the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import Announcement


@register(Announcement)
class AnnouncementTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
    required_languages = ("en",)
