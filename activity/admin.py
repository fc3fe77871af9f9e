from django.contrib import admin

from .models import WikiAccount


@admin.register(WikiAccount)
class WikiAccountAdmin(admin.ModelAdmin):
    """Read-only: the consent is the participant's to give or withdraw, on their settings."""

    list_display = ["participant", "username", "state", "global_edit_count", "read_at", "shown_on_profile"]
    list_filter = ["state", "shown_on_profile"]
    search_fields = ["username", "participant__display_name"]
    list_select_related = ["participant"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
