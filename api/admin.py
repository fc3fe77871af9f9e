"""Admin: the CapX enrolment log and enrolled participants (for the liaisons), and tokens (staff may revoke one)."""

from django.contrib import admin

from letsconnect.admin_input import CheckedAdminInputMixin

from .models import AccessToken, CapxEnrolment, CapxEnrolmentLog


class ReadOnlyAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CapxEnrolmentLog)
class CapxEnrolmentLogAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "outcome", "detail", "confirmation"]
    list_filter = ["outcome"]
    date_hierarchy = "received_at"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CapxEnrolment)
class CapxEnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["participant", "first_enrolled_at", "last_enrolled_at", "times", "role_text", "area_text"]
    list_select_related = ["participant"]
    search_fields = ["participant__display_name", "role_text", "area_text"]
    fields = list_display


@admin.register(AccessToken)
class AccessTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name", "prefix"]
    fields = list_display
