"""Certificates in the admin: liaisons find, read and revoke them; what a certificate froze is read-only."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from letsconnect.admin_input import CheckedAdminInputMixin

from .certificate_queries import frozen_clinics, verification_url
from .certificate_services import revoke_certificate
from .models import Certificate


class RevokedFilter(admin.SimpleListFilter):
    title = _("revoked")
    parameter_name = "revoked"

    def lookups(self, request, model_admin):
        return [("yes", _("Revoked")), ("no", _("Valid"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(revoked_at__isnull=True)
        return queryset


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Shown to anyone who checks the certificate on its public page."),
    )


@admin.register(Certificate)
class CertificateAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["holder_name", "kind", "language", "issued_at", "revoked_at"]
    list_filter = ["kind", RevokedFilter, "language"]
    search_fields = ["holder_name"]
    fields = [
        "holder_name",
        "kind",
        "language",
        "issued_at",
        "clinic_list",
        "public_page",
        "uuid",
        "participant",
        "revoked_at",
        "revocation_reason",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        # Certificates are issued by their holders, from what the clinics recorded.
        return False

    @admin.display(description=_("clinics"))
    def clinic_list(self, certificate):
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} · {} ({})</li>",
                (
                    (clinic["date"].isoformat(), clinic["title"], clinic["topic"])
                    for clinic in frozen_clinics(certificate)
                ),
            ),
        )

    @admin.display(description=_("public page"))
    def public_page(self, certificate):
        url = verification_url(certificate)
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.action(description=_("Revoke the selected certificates"), permissions=["change"])
    def revoke(self, request, queryset):
        """Asks for the reason on a page of its own, then revokes the certificates not revoked yet."""
        form = RevocationForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            certificates = list(queryset.filter(revoked_at__isnull=True))
            for certificate in certificates:
                revoke_certificate(certificate=certificate, reason=form.cleaned_data["reason"])
            count = len(certificates)
            self.message_user(
                request,
                ngettext("%(count)d certificate revoked.", "%(count)d certificates revoked.", count) % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke certificates"),
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "badges/certificates/admin_revoke.html", context)
