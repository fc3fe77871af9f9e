from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Attendance, Clinic, Topic


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


@admin.register(Clinic)
class ClinicAdmin(TranslationAdmin):
    list_display = ["title", "topic", "start", "language", "status"]
    list_filter = ["status", "language", "topic"]
    list_select_related = ["topic"]
    search_fields = ["title", "topic__name"]
    date_hierarchy = "start"
    inlines = [AttendanceInline]
