"""Who registered for, attended and gave feedback on a clinic, in the admin at real size: inlines on the clinic's
page while the lists are short, else a summary there and a link to the list of its own (paginated, searchable)."""

from django.contrib import admin
from django.db import connection
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from letsconnect.admin_input import CheckedAdminInputMixin

from .models import Attendance, Clinic, Feedback, Registration

# Above this many rows an inline is a page of hundreds of forms: the clinic's page links to the list instead.
INLINE_LIMIT = 30
PEOPLE_FIELDS = ["registration_list", "attendance_list", "feedback_list"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ["participant", "name", "email", "wikimedia_username", "country", "role", "joined_at", "minutes"]
    autocomplete_fields = ["participant", "country"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "clinic")


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["participant", "status", "interpretation_language", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["participant"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "clinic")


class FeedbackInline(admin.TabularInline):
    """What participants said, as they said it: read-only for liaisons."""

    model = Feedback
    fields = ["rating", "learned", "will_apply", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def clinic_id(value):
    """`value` as a clinic id, or None when it is not one the database could hold."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    low, high = connection.ops.integer_field_range("BigAutoField")
    return number if low <= number <= high else None


class ClinicListFilter(admin.SimpleListFilter):
    """The rows of one clinic (`?clinic=<id>`), as the clinic's page links to them; the sidebar names the clinic."""

    title = _("clinic")
    parameter_name = "clinic"

    def lookups(self, request, model_admin):
        # Always a choice when one is asked for: a filter without choices would be dropped, showing every row.
        if self.value() is None:
            return []
        pk = clinic_id(self.value())
        clinic = Clinic.objects.filter(pk=pk).only("pk", "title").first() if pk else None
        return [(self.value(), str(clinic) if clinic else _("No such clinic"))]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        pk = clinic_id(self.value())
        return queryset.filter(clinic_id=pk) if pk else queryset.none()


@admin.register(Attendance)
class AttendanceAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["__str__", "clinic", "country", "role", "minutes", "joined_at"]
    list_filter = [ClinicListFilter, "role"]
    list_select_related = ["participant", "country", "clinic"]
    search_fields = ["name", "wikimedia_username", "participant__display_name"]
    fields = ["clinic", "participant", "name", "email", "wikimedia_username", "country", "role", "joined_at", "minutes"]
    autocomplete_fields = ["clinic", "participant", "country"]
    list_per_page = 100


@admin.register(Registration)
class RegistrationAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["participant", "clinic", "status", "interpretation_language", "created_at"]
    list_filter = [ClinicListFilter, "status"]
    list_select_related = ["participant", "clinic"]
    search_fields = ["participant__display_name", "participant__user__username"]
    fields = ["clinic", "participant", "status", "interpretation_language", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["clinic", "participant"]
    list_per_page = 100


@admin.register(Feedback)
class FeedbackAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    """Read-only, without the person, as on the clinic's page."""

    list_display = ["clinic", "rating", "learned", "will_apply", "created_at"]
    list_filter = [ClinicListFilter, "rating"]
    list_select_related = ["clinic"]
    fields = ["clinic", "rating", "learned", "will_apply", "created_at"]
    readonly_fields = fields
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PeopleListsMixin:
    """For ClinicAdmin: the inlines of the short lists, and a summary with a link for each list."""

    def people_sizes(self, clinic):
        """{model: rows} for the clinic's registrations, attendance and feedback, with their summaries (3 queries,
        once per request)."""
        if not hasattr(clinic, "_people_sizes"):
            statuses = dict(clinic.registrations.values_list("status").annotate(rows=Count("pk")).order_by())
            attendance = clinic.attendances.aggregate(rows=Count("pk"), participants=Count("participant"))
            feedback = clinic.feedback.aggregate(rows=Count("pk"), rating=Avg("rating"))
            clinic._people_sizes = {
                Registration: sum(statuses.values()),
                Attendance: attendance["rows"],
                Feedback: feedback["rows"],
                "statuses": statuses,
                "participants": attendance["participants"],
                "rating": feedback["rating"],
            }
        return clinic._people_sizes

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if obj is None or obj.pk is None:
            return inlines
        sizes = self.people_sizes(obj)
        return [inline for inline in inlines if sizes.get(inline.model, 0) <= INLINE_LIMIT]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, *PEOPLE_FIELDS] if obj is not None and obj.pk else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.pk is None:
            return fieldsets
        others = [
            (name, {**options, "fields": [field for field in options["fields"] if field not in PEOPLE_FIELDS]})
            for name, options in fieldsets
        ]
        return [*others, (_("Registrations, attendance and feedback"), {"fields": PEOPLE_FIELDS})]

    def _list_link(self, model, clinic, summary):
        url = reverse(f"{self.admin_site.name}:clinics_{model._meta.model_name}_changelist")
        return format_html('{} <a href="{}?clinic={}">{}</a>', summary, url, clinic.pk, _("See the list"))

    @admin.display(description=_("registrations"))
    def registration_list(self, clinic):
        sizes = self.people_sizes(clinic)
        statuses = sizes["statuses"]
        summary = ngettext("%(count)s registration", "%(count)s registrations", sizes[Registration]) % {
            "count": sizes[Registration]
        }
        details = ", ".join(
            f"{label}: {statuses[value]}" for value, label in Registration.Status.choices if statuses.get(value)
        )
        return self._list_link(Registration, clinic, f"{summary} ({details})" if details else summary)

    @admin.display(description=_("attendance"))
    def attendance_list(self, clinic):
        sizes = self.people_sizes(clinic)
        summary = ngettext(
            "%(count)s attendee, %(participants)s of them with an account",
            "%(count)s attendees, %(participants)s of them with an account",
            sizes[Attendance],
        ) % {"count": sizes[Attendance], "participants": sizes["participants"]}
        return self._list_link(Attendance, clinic, summary)

    @admin.display(description=_("feedback"))
    def feedback_list(self, clinic):
        sizes = self.people_sizes(clinic)
        summary = ngettext("%(count)s answer", "%(count)s answers", sizes[Feedback]) % {"count": sizes[Feedback]}
        if sizes["rating"] is not None:
            summary = _("%(answers)s, rated %(rating).1f / 5 on average") % {
                "answers": summary,
                "rating": sizes["rating"],
            }
        return self._list_link(Feedback, clinic, summary)
