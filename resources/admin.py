"""The liaisons' side of resources: any resource, with its translations, languages, skills, link or file."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from letsconnect.admin_input import CheckedAdminInputMixin
from participants.languages import language_choices

from . import uploads
from .forms import CurrentFileLink
from .models import Resource, ResourceLanguage


class ResourceLanguageForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("language"), choices=language_choices)

    class Meta:
        model = ResourceLanguage
        fields = ["language"]


class ResourceLanguageInline(admin.TabularInline):
    model = ResourceLanguage
    form = ResourceLanguageForm
    extra = 1
    min_num = 1


class AdminCurrentFileInput(CurrentFileLink, AdminFileWidget):
    pass


@admin.register(Resource)
class ResourceAdmin(CheckedAdminInputMixin, TranslationAdmin):
    list_display = ["title", "kind", "minutes", "clinic", "licence", "published", "created_at"]
    list_filter = ["kind", "published", "licence", "languages__language", "skills"]
    list_select_related = ["clinic"]
    search_fields = ["title", "summary", "author", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["skills"]
    raw_id_fields = ["clinic", "added_by"]
    readonly_fields = ["content_type", "file_size", "source_key", "created_at"]
    inlines = [ResourceLanguageInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["file"].widget = AdminCurrentFileInput(resource=obj)
        return form

    def save_model(self, request, obj, form, change):
        """The content type and size come from the checked bytes (the form ran the same check as a validator)."""
        if "file" in form.changed_data and obj.file:
            checked = uploads.check(obj.file)
            obj.content_type, obj.file_size = checked.content_type, checked.size
        elif not obj.file:
            obj.content_type, obj.file_size = "", None
        previous = Resource.objects.filter(pk=obj.pk).values_list("file", flat=True).first() if change else ""
        super().save_model(request, obj, form, change)
        if previous and previous != obj.file.name:
            storage = obj.file.storage
            transaction.on_commit(lambda: storage.delete(previous))
