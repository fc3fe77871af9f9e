"""modeltranslation registration for the skills taxonomy."""

from modeltranslation.translator import TranslationOptions, register

from .models import Skill, SkillCategory


@register(SkillCategory)
class SkillCategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Skill)
class SkillTranslationOptions(TranslationOptions):
    fields = ("name", "description")
