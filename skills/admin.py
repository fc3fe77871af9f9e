"""Admin of the taxonomy: liaisons add, translate and reorder categories and skills."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from letsconnect.admin_input import CheckedAdminInputMixin

from .models import Skill, SkillCategory


class SkillInline(TranslationTabularInline):
    model = Skill
    fields = ["position", "slug", "name", "wikidata_qid"]
    extra = 0


@admin.register(SkillCategory)
class SkillCategoryAdmin(CheckedAdminInputMixin, TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    inlines = [SkillInline]


@admin.register(Skill)
class SkillAdmin(CheckedAdminInputMixin, TranslationAdmin):
    list_display = ["name", "category", "slug", "wikidata_qid", "position"]
    list_editable = ["position"]
    list_filter = ["category"]
    list_select_related = ["category"]
    search_fields = ["name", "slug", "wikidata_qid"]

    def get_readonly_fields(self, request, obj=None):
        # A skill's slug is its permanent identity once it exists.
        return ["slug"] if obj else []
