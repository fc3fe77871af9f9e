"""Liaisons compose announcements, preview them as a recipient gets them, approve, and watch the outbox."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin

from letsconnect.admin_input import CheckedAdminInputMixin
from mail.models import Email
from participants.languages import language_choices
from participants.models import Participant

from . import emails, queries, services
from .models import Ambassador, Announcement, Referral

PREVIEW_CHOICES = 200  # recipients offered in the preview's list
RECIPIENT_ID = forms.IntegerField(min_value=1, max_value=2**31 - 1)  # `?participant=` of the preview


AUDIENCE_FIELDS = [
    "regions",
    "countries",
    "languages",
    "roles",
    "skills_shared",
    "skills_wanted",
    "attended_topics",
    "registered_since",
    "never_attended",
]


class AnnouncementAdminForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    roles = forms.MultipleChoiceField(
        label=_("roles"), choices=Participant.Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Announcement
        fields = ["subject", "body", *AUDIENCE_FIELDS]


@admin.register(Announcement)
class AnnouncementAdmin(CheckedAdminInputMixin, TranslationAdmin):
    form = AnnouncementAdminForm
    list_display = ["subject", "status", "created_at", "approved_at", "progress"]
    list_filter = ["status"]
    search_fields = ["subject"]
    filter_horizontal = ["regions", "countries", "skills_shared", "skills_wanted", "attended_topics"]
    fieldsets = [
        (_("Message"), {"fields": ["subject", "body"]}),
        (
            _("Audience"),
            {
                "fields": AUDIENCE_FIELDS,
                "description": _(
                    "Only people who accept announcements are reached. Filters combine: a person must match each "
                    "filter that is set, and any one of the values inside it."
                ),
            },
        ),
        (_("Sending"), {"fields": ["status", "reach", "progress", "approved_by", "approved_at", "finished_at"]}),
    ]
    readonly_fields = ["status", "reach", "progress", "approved_by", "approved_at", "finished_at"]
    change_form_template = "admin/outreach/announcement/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Announcement.Status.DRAFT:
            # Once approved, the announcement is what was sent: nothing changes any more.
            concrete = [field.name for field in Announcement._meta.get_fields() if field.concrete]
            return list(dict.fromkeys([*concrete, *self.readonly_fields]))
        return self.readonly_fields

    def get_queryset(self, request):
        group = Concat(Value("announcement:"), Cast(OuterRef("pk"), CharField()))
        counts = {
            f"{state}_total": Coalesce(
                Subquery(
                    Email.objects.filter(group=group, state=state)
                    .order_by()
                    .values("group")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            )
            for state in Email.State.values
        }
        return super().get_queryset(request).annotate(**counts)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("people reached, by language"))
    def reach(self, announcement):
        if announcement.pk is None:
            return gettext("Save to see how many people this audience reaches.")
        if announcement.status != Announcement.Status.DRAFT:
            total = sum(getattr(announcement, f"{state}_total") for state in Email.State.values)
            return gettext("%(count)s people") % {"count": total}
        rows, total = queries.reach_by_language(announcement)
        languages = dict(language_choices())
        by_language = ", ".join(f"{languages.get(code, code)}: {count}" for code, count in rows)
        return gettext("%(total)s in all (%(by_language)s)") % {"total": total, "by_language": by_language or "—"}

    @admin.display(description=_("sent / failed / skipped / pending"))
    def progress(self, announcement):
        if announcement.pk is None or announcement.status == Announcement.Status.DRAFT:
            return "—"
        pending = announcement.pending_total + announcement.sending_total
        return " / ".join(
            str(count)
            for count in (announcement.sent_total, announcement.failed_total, announcement.skipped_total, pending)
        )

    def get_urls(self):
        return [
            path(
                "<int:announcement_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="outreach_announcement_preview",
            ),
            path(
                "<int:announcement_id>/approve/",
                self.admin_site.admin_view(require_POST(self.approve_view)),
                name="outreach_announcement_approve",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, announcement_id):
        """The announcement as one chosen recipient will get it, in their language, with the reach per language."""
        announcement = get_object_or_404(Announcement, pk=announcement_id)
        if not self.has_view_permission(request, announcement):
            raise PermissionDenied
        recipients = list(
            queries.audience(announcement).select_related("user").order_by("display_name")[:PREVIEW_CHOICES]
        )
        chosen = self._chosen_recipient(request, announcement, recipients)
        message = emails.announcement_draft(announcement, chosen) if chosen else None
        if message is not None:
            # The link's place, not the recipient's working token: with it, whoever previews could unsubscribe them.
            message.body = message.body.replace(emails.unsubscribe_token(chosen, digest=False), "…")
        rows, total = queries.reach_by_language(announcement)
        languages = dict(language_choices())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Preview: %(subject)s") % {"subject": announcement.subject},
            "announcement": announcement,
            "recipients": recipients,
            "chosen": chosen,
            "message": message,
            "reach": [(languages.get(code, code), count) for code, count in rows],
            "total": total,
            "can_approve": announcement.status == Announcement.Status.DRAFT
            and self.has_change_permission(request, announcement),
        }
        return TemplateResponse(request, "admin/outreach/announcement/preview.html", context)

    def _chosen_recipient(self, request, announcement, recipients):
        """The recipient named by `?participant=<id>`, or the first; a tampered id gets a message, not a query."""
        wanted = request.GET.get("participant")
        chosen = next((p for p in recipients if str(p.pk) == wanted), None)
        if chosen is None and wanted:
            try:
                pk = RECIPIENT_ID.clean(wanted)
            except ValidationError:
                pk = None
            chosen = queries.audience(announcement).select_related("user").filter(pk=pk).first() if pk else None
            if chosen is None:
                self.message_user(
                    request, gettext("This person is not among the announcement's recipients."), messages.WARNING
                )
        return chosen or (recipients[0] if recipients else None)

    def approve_view(self, request, announcement_id):
        announcement = get_object_or_404(Announcement, pk=announcement_id)
        if not self.has_change_permission(request, announcement):
            raise PermissionDenied
        try:
            count = services.approve_announcement(announcement_id=announcement.pk, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)
        else:
            self.message_user(
                request, gettext("Approved: sending to %(count)s people.") % {"count": count}, level=messages.SUCCESS
            )
        return redirect(reverse("admin:outreach_announcement_change", args=[announcement.pk]))


class ReferralInline(admin.TabularInline):
    model = Referral
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ambassador)
class AmbassadorAdmin(CheckedAdminInputMixin, admin.ModelAdmin):
    list_display = ["participant", "region", "referral_count", "invitation_url", "active", "created_at"]
    list_filter = ["active", "participant__country__region"]
    search_fields = ["participant__display_name", "participant__user__username"]
    autocomplete_fields = ["participant"]
    readonly_fields = ["code", "invitation_url"]
    inlines = [ReferralInline]
    change_list_template = "admin/outreach/ambassador/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("participant__country__region")
            .annotate(referral_total=Count("referrals"))
        )

    @admin.display(description=_("region"), ordering="participant__country__region")
    def region(self, ambassador):
        return ambassador.participant.region or "—"

    @admin.display(description=_("registrations through their link"), ordering="referral_total")
    def referral_count(self, ambassador):
        return ambassador.referral_total

    @admin.display(description=_("invitation link"))
    def invitation_url(self, ambassador):
        return ambassador.get_invitation_url() if ambassador.pk else "—"

    def changelist_view(self, request, extra_context=None):
        by_region = (
            Referral.objects.values("ambassador__participant__country__region__name")
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        extra_context = {
            **(extra_context or {}),
            "referrals_by_region": [
                (row["ambassador__participant__country__region__name"] or "—", row["count"]) for row in by_region
            ],
        }
        return super().changelist_view(request, extra_context=extra_context)
