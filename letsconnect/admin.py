"""Admin of the site-wide tables: the emails given up on, read-only."""

from django.contrib import admin

from .admin_input import CheckedAdminInputMixin
from .models import UndeliveredEmail


@admin.register(UndeliveredEmail)
class UndeliveredEmailAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["failed_at", "task", "args", "attempts", "permanent", "error"]
    list_filter = ["permanent", "task"]
    date_hierarchy = "failed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
