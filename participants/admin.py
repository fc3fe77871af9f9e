from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from modeltranslation.admin import TranslationAdmin

from .models import Country, Participant, Region, User

admin.site.register(User, UserAdmin)


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "underrepresented"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "wikidata_qid"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["code", "wikidata_qid"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "country", "role", "listed", "created_at"]
    list_filter = ["role", "listed", "country__region"]
    list_select_related = ["country__region"]
    search_fields = ["display_name", "user__username", "user__email"]
    raw_id_fields = ["user"]
