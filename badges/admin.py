"""Liaisons' side of badges: the catalogue, awards by hand with a reason, revoking with a reason."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from letsconnect.admin_input import CheckedAdminInputMixin

from . import services, svg_safety
from .models import Award, BadgeClass


class BadgeClassForm(forms.ModelForm):
    def clean_image(self):
        image = self.cleaned_data["image"]
        if image and (problem := svg_safety.problem(image)):
            raise forms.ValidationError(problem, code="unsafe_svg")
        return image


@admin.register(BadgeClass)
class BadgeClassAdmin(CheckedAdminInputMixin, TranslationAdmin):
    form = BadgeClassForm
    list_display = ["preview", "name", "slug", "rule", "threshold", "active", "position"]
    list_display_links = ["name"]
    list_editable = ["position"]
    list_filter = ["rule", "active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    @admin.display(description=_("image"))
    def preview(self, badge):
        return format_html('<img src="/badges/classes/{}.png" alt="" width="32" height="32">', badge.slug)

    def get_readonly_fields(self, request, obj=None):
        # The slug is in every published assertion's URL: fixed once the badge exists.
        return ["slug"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["badge", "participant", "reason"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why this badge is given: the reason is part of the award."))
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the revoked assertion: anyone who checks the badge reads it."),
    )


@admin.register(Award)
class AwardAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["badge", "participant", "awarded_at", "awarded_by", "revoked_at"]
    list_filter = ["badge", ("revoked_at", admin.EmptyFieldListFilter), "awarded_at"]
    list_select_related = ["badge", "participant", "awarded_by"]
    search_fields = ["participant__display_name", "participant__user__username", "badge__name"]
    raw_id_fields = ["participant"]
    actions = ["revoke"]
    readonly_fields = ["uuid", "awarded_at", "expires_at", "awarded_by", "evidence", "revoked_at", "revocation_reason"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AwardForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["badge", "participant", "reason"]
        return ["badge", "participant", "uuid", "awarded_at", "expires_at", "awarded_by", "reason", "evidence",
                "revoked_at", "revocation_reason"]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [*self.readonly_fields, "badge", "participant", "reason"]

    def save_model(self, request, obj, form, change):
        if change:
            return  # an award is never edited: revoke it instead
        award = services.award_manually(
            badge=obj.badge, participant=obj.participant, by=request.user, reason=obj.reason
        )
        obj.pk, obj.uuid = award.pk, award.uuid

    def save_related(self, request, form, formsets, change):
        pass  # nothing related to save; the service saved the award

    @admin.action(description=_("Revoke (with a reason)"), permissions=["change"])
    def revoke(self, request, queryset):
        form = RevokeForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            revoked = sum(services.revoke(award=award, reason=form.cleaned_data["reason"]) for award in queryset)
            message = ngettext("%(count)d badge revoked.", "%(count)d badges revoked.", revoked)
            self.message_user(request, message % {"count": revoked}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke badges"),
            "awards": queryset.select_related("badge", "participant"),
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/badges/award/revoke.html", context)


from . import certificate_admin  # noqa: E402, F401  (registers Certificate)
