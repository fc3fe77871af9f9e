"""The outbox in the admin: every email's state, attempts and error, filtered by kind and state; failed ones can
be sent again. Liaisons see whom an email is for (the account's username), never an address or a text."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from letsconnect.admin_input import CheckedAdminInputMixin

from . import services
from .models import Email
from .policy import without_addresses

FIELDS = ["key", "kind", "group", "recipient", "language", "state", "due_at", "expires_at", "attempts",
          "server_answer", "created_at", "sent_at"]  # fmt: skip


@admin.register(Email)
class EmailAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "state", "attempts", "server_answer", "due_at", "sent_at"]
    list_filter = ["kind", "state"]
    list_select_related = ["recipient"]
    search_fields = ["key", "recipient__username"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    show_full_result_count = False

    def get_fields(self, request, obj=None):
        return [*FIELDS, "address"] if request.user.is_superuser else FIELDS

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [*self.list_display[:3], "address", *self.list_display[3:]]
        return self.list_display

    @admin.display(description=_("the mail server's answer"))
    def server_answer(self, email):
        return without_addresses(email.last_error)

    @admin.action(description=_("Send the selected failed emails again"), permissions=["change"])
    def resend(self, request, queryset):
        count = services.resend(ids=list(queryset.filter(state=Email.State.FAILED).values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext("%(count)d email will be sent again.", "%(count)d emails will be sent again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
