"""Admin for liaisons and staff: participants (without their private answers), affiliates, countries, regions."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.admin import TranslationAdmin

from letsconnect import csv_files
from letsconnect.admin_input import SEARCH_MAX_LENGTH, CheckedAdminInputMixin

from .models import Affiliate, Country, HomeWiki, Participant, Region, SpokenLanguage, User
from .services import refresh_search_document, save_account


@admin.register(User)
class AccountAdmin(CheckedAdminInputMixin, UserAdmin):
    def save_model(self, request, obj, form, change):
        # A deactivated account leaves the Skills Directory; a new username is searchable.
        save_account(user=obj)


# Gender, age range and the email address never appear in the participant admin or its export.
PRIVATE_FIELDS = frozenset({"gender", "gender_self_description", "age_range"})
# Nor as a filter of the list: `?gender=woman` would show them person by person. (The admin refuses lookups
# through `user`, such as `user__email`, by itself: they are not among the list filters.)
PRIVATE_LOOKUPS = PRIVATE_FIELDS | {"refused_email"}
# The person's own choices: the admin shows them, only the person changes them (listing is opt-in).
OWN_CHOICES = ["listed", "show_affiliation", "reminders_enabled", "messages_enabled"]

EXPORT_COLUMNS = [
    ("username", lambda participant: participant.user.username),
    ("display_name", lambda participant: participant.display_name),
    ("wikimedia_username", lambda participant: participant.wikimedia_username),
    ("country", lambda participant: participant.country_id or ""),
    ("region", lambda participant: participant.country.region_id if participant.country else ""),
    ("languages", lambda participant: ";".join(row.language for row in participant.languages.all())),
    ("home_wikis", lambda participant: ";".join(row.code for row in participant.home_wikis.all())),
    ("affiliation", lambda participant: participant.affiliation),
    ("affiliates", lambda participant: ";".join(affiliate.name for affiliate in participant.affiliates.all())),
    ("role", lambda participant: participant.role),
    ("listed", lambda participant: "yes" if participant.listed else "no"),
    ("registered_at", lambda participant: participant.created_at.date().isoformat()),
]


@admin.register(Region)
class RegionAdmin(CheckedAdminInputMixin, TranslationAdmin):
    list_display = ["code", "name", "underrepresented"]


@admin.register(Country)
class CountryAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["code", "name", "region", "wikidata_qid"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["code", "wikidata_qid"]

    def get_search_results(self, request, queryset, search_term):
        """Also by name, in the liaison's language (names come from CLDR through django-countries, not a column)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term[:SEARCH_MAX_LENGTH].strip().casefold()
        if term:
            results |= queryset.filter(code__in=[code for code, name in countries if term in name.casefold()])
        return results, may_have_duplicates


@admin.register(Affiliate)
class AffiliateAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "country", "active"]
    list_filter = ["kind", "active", "country__region"]
    list_select_related = ["country"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]


class SpokenLanguageInline(admin.TabularInline):
    model = SpokenLanguage
    extra = 0


class HomeWikiInline(admin.TabularInline):
    model = HomeWiki
    extra = 0


@admin.action(description=_("Export the selected participants as CSV"))
def export_csv(modeladmin, request, queryset):
    queryset = queryset.select_related("user", "country").prefetch_related("languages", "home_wikis", "affiliates")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{timezone.now():%Y-%m-%d}.csv"'
    writer = csv_files.writer(response)
    writer.writerow([name for name, _value in EXPORT_COLUMNS])
    for participant in queryset:
        writer.writerow([value(participant) for _name, value in EXPORT_COLUMNS])
    return response


@admin.register(Participant)
class ParticipantAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["display_name", "username", "country", "region", "role", "listed", "created_at"]
    list_filter = [
        ("country__region", admin.RelatedOnlyFieldListFilter),
        "country__code",
        "role",
        ("affiliates", admin.RelatedOnlyFieldListFilter),
        "listed",
        "created_at",
    ]
    list_select_related = ["user", "country__region"]
    search_fields = ["display_name", "user__username", "wikimedia_username"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["affiliates", "country"]
    raw_id_fields = ["user"]
    inlines = [SpokenLanguageInline, HomeWikiInline]
    actions = [export_csv]
    # What the profile shows of the time zone and the attendance is the person's own choice, made in their settings.
    readonly_fields = [
        "show_time_zone",
        "show_attendance",
        "privacy_version",
        "privacy_consented_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["user", "display_name", "country", "role", "pronouns", "bio"]}),
        (_("Wikimedia"), {"fields": ["wikimedia_username", "wikimedia_username_verified", "wiki_experience"]}),
        (_("Affiliation"), {"fields": ["affiliation", "affiliates", "group_name", "areas_of_work"]}),
        (_("Preferences"), {"fields": ["time_zone", "email_language", "heard_from"]}),
        (
            _("Privacy"),
            {
                "fields": [
                    "listed",
                    "show_affiliation",
                    "show_time_zone",
                    "show_attendance",
                    "reminders_enabled",
                    "messages_enabled",
                    "privacy_version",
                    "privacy_consented_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # A profile never moves to another account: that account would then read its private answers.
        return ["user", *OWN_CHOICES, *self.readonly_fields]

    def lookup_allowed(self, lookup, value, request):
        if lookup.split(LOOKUP_SEP, 1)[0] in PRIVATE_LOOKUPS:
            return False
        return super().lookup_allowed(lookup, value, request)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_document(participant=form.instance)

    @admin.display(description=_("username"), ordering="user__username")
    def username(self, participant):
        return participant.user.username

    @admin.display(description=_("region"), ordering="country__region")
    def region(self, participant):
        return participant.region
