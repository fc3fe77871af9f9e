"""The liaisons' side of clinics: scheduling, sharers, registrations, attendance, feedback and bulk actions."""

from datetime import datetime, timedelta

from django.contrib import admin, messages
from django.db.models import Avg, Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from letsconnect.admin_input import CheckedAdminInputMixin
from participants.models import Region

from . import queries, scheduling, services
from .admin_attendance import AttendanceImportMixin
from .admin_forms import ClinicAdminForm, DuplicateForm, LiaisonAutocomplete
from .admin_people import AttendanceInline, FeedbackInline, PeopleListsMixin, RegistrationInline
from .admin_planning import PlanningAdminMixin
from .models import Clinic, ClinicMaterial, ClinicSharer, Feedback, Registration, Topic


@admin.register(Topic)
class TopicAdmin(CheckedAdminInputMixin, TranslationAdmin):
    list_display = ["name", "slug", "clinic_count", "feedback_count", "average_rating"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                clinic_total=Count("clinics", distinct=True),
                feedback_total=Count("clinics__feedback"),
                rating=Avg("clinics__feedback__rating"),
            )
        )

    @admin.display(description=_("clinics"), ordering="clinic_total")
    def clinic_count(self, topic):
        return topic.clinic_total

    @admin.display(description=_("feedback"), ordering="feedback_total")
    def feedback_count(self, topic):
        return topic.feedback_total

    @admin.display(description=_("average rating"), ordering="rating")
    def average_rating(self, topic):
        return _rating(topic.rating)


def _rating(value):
    return "–" if value is None else f"{value:.1f} / 5"


class SharerInline(admin.TabularInline):
    model = ClinicSharer
    fields = ["participant", "name", "email", "affiliation", "foundation_staff", "department", "position"]
    autocomplete_fields = ["participant"]
    extra = 0


class MaterialInline(admin.TabularInline):
    model = ClinicMaterial
    fields = ["kind", "language", "url"]
    extra = 0


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(start__gte=timezone.now())
        if self.value() == "past":
            return queryset.filter(start__lt=timezone.now())
        return queryset


class SharerRegionFilter(admin.SimpleListFilter):
    title = _("region of sharers")
    parameter_name = "sharer_region"

    def lookups(self, request, model_admin):
        return [(region.code, region.name) for region in Region.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(sharers__participant__country__region_id=self.value()).distinct()
        return queryset


@admin.register(Clinic)
class ClinicAdmin(
    CheckedAdminInputMixin, PlanningAdminMixin, PeopleListsMixin, AttendanceImportMixin, TranslationAdmin
):
    form = ClinicAdminForm
    list_display = ["title", "topic", "kind", "start", "language", "status", "registered", "average_rating"]
    list_filter = ["status", WhenFilter, "kind", "language", "topic", "region", SharerRegionFilter]
    list_select_related = ["topic"]
    search_fields = ["title", "topic__name", "slug", "sharers__name", "sharers__participant__display_name"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["skills"]
    inlines = [SharerInline, RegistrationInline, AttendanceInline, MaterialInline, FeedbackInline]
    actions = ["publish", "cancel", "duplicate", "mark_held"]

    def get_queryset(self, request):
        # Subqueries, not joins: a join of 300 registrations with 300 answers is 90,000 rows for one clinic.
        registered = (
            Registration.objects.confirmed()
            .filter(clinic=OuterRef("pk"))
            .order_by()
            .values("clinic")
            .annotate(rows=Count("pk"))
            .values("rows")
        )
        rating = (
            Feedback.objects.filter(clinic=OuterRef("pk"))
            .order_by()
            .values("clinic")
            .annotate(average=Avg("rating"))
            .values("average")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered_total=Coalesce(Subquery(registered, output_field=IntegerField()), 0),
                rating=Subquery(rating),
            )
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "liaisons":
            # The queryset is narrowed to the people who can be liaisons by the form.
            kwargs["widget"] = LiaisonAutocomplete(db_field, self.admin_site)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("registered"), ordering="registered_total")
    def registered(self, clinic):
        return clinic.registered_total

    @admin.display(description=_("average rating"), ordering="rating")
    def average_rating(self, clinic):
        return _rating(clinic.rating)

    def save_model(self, request, obj, form, change):
        previous = Clinic.objects.filter(pk=obj.pk).values("start", "duration", "status").first() if change else None
        super().save_model(request, obj, form, change)
        if previous is not None:
            services.schedule_changed(
                clinic=obj,
                previous_start=previous["start"],
                previous_duration=previous["duration"],
                previous_status=previous["status"],
                retitled=any(name.startswith("title") for name in form.changed_data),
            )

    def _report(self, request, message, skipped):
        self.message_user(request, message, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d clinic was left as it was: the action does not apply to it.",
                    "%(count)d clinics were left as they were: the action does not apply to them.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Publish (open for registration)"), permissions=["change"])
    def publish(self, request, queryset):
        clinics = list(queryset)
        changed = sum(services.publish(clinic=clinic) for clinic in clinics)
        message = ngettext("%(count)d clinic published.", "%(count)d clinics published.", changed)
        self._report(request, message % {"count": changed}, len(clinics) - changed)

    @admin.action(description=_("Cancel (registrants are told by email)"), permissions=["change"])
    def cancel(self, request, queryset):
        """First a confirmation page (what will be cancelled, how many people will be told); then the cancelling."""
        clinics = list(queryset.order_by("start"))
        if "apply" not in request.POST:
            rows = [
                {
                    "clinic": clinic,
                    "cancellable": services.can_cancel_clinic(clinic),
                    "people": queries.count_people_to_tell(clinic) if services.can_cancel_clinic(clinic) else 0,
                }
                for clinic in clinics
            ]
            context = {
                **self.admin_site.each_context(request),
                "title": _("Cancel clinics"),
                "rows": rows,
                "cancellable": [row for row in rows if row["cancellable"]],
                "people": sum(row["people"] for row in rows),
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/clinics/clinic/cancel_confirmation.html", context)
        changed = sum(services.cancel_clinic(clinic=clinic) for clinic in clinics)
        message = ngettext(
            "%(count)d clinic cancelled; its registrants are being told.",
            "%(count)d clinics cancelled; their registrants are being told.",
            changed,
        )
        self._report(request, message % {"count": changed}, len(clinics) - changed)
        return None

    @admin.action(description=_("Mark as held"), permissions=["change"])
    def mark_held(self, request, queryset):
        clinics = list(queryset)
        changed = sum(services.mark_held(clinic=clinic) for clinic in clinics)
        message = ngettext("%(count)d clinic marked as held.", "%(count)d clinics marked as held.", changed)
        self._report(request, message % {"count": changed}, len(clinics) - changed)

    @admin.action(description=_("Duplicate for a new date"), permissions=["add"])
    def duplicate(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one clinic to duplicate."), messages.ERROR)
            return None
        clinic = queryset.get()
        # A zone saved before zones were checked is read as UTC rather than failing.
        zone = scheduling.zone_or_utc(clinic.planned_time_zone)
        local_start = clinic.start.astimezone(zone)
        form = DuplicateForm(
            request.POST if "apply" in request.POST else None,
            initial={"date": (local_start + timedelta(days=7)).date()},
        )
        if form.is_valid():
            start = datetime.combine(form.cleaned_data["date"], local_start.time(), tzinfo=zone)
            copy = services.duplicate(clinic=clinic, start=start)
            self.message_user(request, _("A draft copy was made. Check it, then publish it."), messages.SUCCESS)
            return redirect("admin:clinics_clinic_change", copy.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Duplicate for a new date"),
            "clinic": clinic,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/clinics/clinic/duplicate.html", context)
