from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Attendance, Clinic, Registration, Reminder, Topic


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ["participant", "name", "email", "wikimedia_username"]
    raw_id_fields = ["participant"]
    extra = 0


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["participant", "status", "interpretation_language", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["participant"]
    extra = 0


class ClinicAdminForm(forms.ModelForm):
    interpretation_languages = forms.MultipleChoiceField(
        label=_("interpretation offered into"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Clinic
        fields = "__all__"  # noqa: DJ007 - the admin, not this form, chooses the fields it shows


@admin.register(Clinic)
class ClinicAdmin(TranslationAdmin):
    form = ClinicAdminForm
    list_display = ["title", "topic", "kind", "start", "language", "status"]
    list_filter = ["status", "kind", "language", "topic", "region"]
    list_select_related = ["topic"]
    search_fields = ["title", "topic__name", "slug"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["skills", "liaisons"]
    inlines = [RegistrationInline, AttendanceInline]

    def save_model(self, request, obj, form, change):
        if change and {"start", "duration", "title_en", "status"} & set(form.changed_data):
            obj.sequence += 1  # calendars replace their copy of the event
        super().save_model(request, obj, form, change)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminder ledger, to read: what went out to whom and when, and what failed. The sweep writes it."""

    list_display = ["clinic", "participant", "kind", "clinic_start", "state", "attempts", "sent_at", "last_error"]
    list_filter = ["state", "kind"]
    list_select_related = ["clinic", "participant"]
    search_fields = ["clinic__title", "participant__display_name"]
    date_hierarchy = "clinic_start"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
