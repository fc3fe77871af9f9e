"""The clinic admin's planning pages: the slot finder (the best UTC start hours for a clinic's likely audience) and
the search behind the liaison picker (only people who can be liaisons)."""

from datetime import datetime
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letsconnect.admin_input import SEARCH_MAX_LENGTH
from participants.liaisons import liaison_candidates
from participants.models import Participant
from skills.models import Skill

from . import scheduling, slots
from .admin_forms import MinutesField
from .models import Clinic

AUTOCOMPLETE_PAGE_SIZE = 20


class SlotFinderForm(forms.Form):
    skill = forms.ModelChoiceField(label=gettext_lazy("Skill"), queryset=Skill.objects.all())
    language = forms.ChoiceField(label=gettext_lazy("Language of the session"), choices=settings.LANGUAGES)
    interpretation_languages = forms.MultipleChoiceField(
        label=gettext_lazy("Interpretation offered into"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    date = forms.DateField(
        label=gettext_lazy("Date (UTC)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[scheduling.validate_year],
    )
    duration = MinutesField(label=gettext_lazy("Duration (minutes)"), initial=120)
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Also show the times in"),
        choices=lambda: [("", gettext_lazy("UTC only")), *scheduling.time_zone_choices()],
        widget=scheduling.TimeZoneSelect,
        required=False,
        help_text=gettext_lazy("A new clinic planned from a suggestion is planned in this time zone."),
    )
    clinic = forms.ModelChoiceField(queryset=Clinic.objects.all(), widget=forms.HiddenInput, required=False)

    def languages(self):
        data = self.cleaned_data
        return [data["language"], *(code for code in data["interpretation_languages"] if code != data["language"])]


class PlanningAdminMixin:
    """Adds the slot finder and the liaison search to ClinicAdmin: `class ClinicAdmin(PlanningAdminMixin, ...)`."""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("slot-finder/", self.admin_site.admin_view(self.slot_finder_view), name=f"{prefix}_slot_finder"),
            path(
                "liaison-autocomplete/",
                self.admin_site.admin_view(self.liaison_autocomplete_view),
                name=f"{prefix}_liaison_autocomplete",
            ),
            *super().get_urls(),
        ]

    def _may_plan(self, request):
        return self.has_add_permission(request) or self.has_change_permission(request)

    def liaison_autocomplete_view(self, request):
        """Select2's JSON: accounts that can be liaisons, by username, name or profile name (never by address)."""
        if not self._may_plan(request):
            raise PermissionDenied
        term = request.GET.get("term", "")[:SEARCH_MAX_LENGTH].strip()
        users = liaison_candidates()
        if term:
            users = users.filter(
                Q(username__icontains=term)
                | Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(pk__in=Participant.objects.filter(display_name__icontains=term).values("user"))
            )
        page = Paginator(users.order_by("username", "pk"), AUTOCOMPLETE_PAGE_SIZE).get_page(request.GET.get("page"))
        return JsonResponse(
            {
                "results": [{"id": str(user.pk), "text": str(user)} for user in page],
                "pagination": {"more": page.has_next()},
            }
        )

    def slot_finder_view(self, request):
        if not self._may_plan(request):
            raise PermissionDenied
        bound = bool(request.GET)
        form = SlotFinderForm(
            request.GET if bound else None,
            initial={"date": slots.default_day(timezone.now()), "time_zone": _own_time_zone(request.user)},
        )
        search = suggestions = None
        if bound and form.is_valid():
            data = form.cleaned_data
            search = slots.find_slots(
                skill=data["skill"],
                languages=form.languages(),
                day=data["date"],
                duration=data["duration"],
                clinic=data["clinic"],
            )
            suggestions = [self._suggestion(slot, data, form.languages()) for slot in search.best]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Find a time"),
            "form": form,
            "search": search,
            "suggestions": suggestions,
            "clinic": form.cleaned_data.get("clinic") if bound and form.is_valid() else None,
            "day_starts": slots.DAY_STARTS,
            "day_ends": slots.DAY_ENDS,
        }
        return TemplateResponse(request, "admin/clinics/clinic/slot_finder.html", context)

    def _suggestion(self, slot, data, languages):
        zone = data["time_zone"] or "UTC"
        wall_clock = scheduling.utc_to_wall_clock(slot.start, zone)
        query = {
            "start": f"{wall_clock:%Y-%m-%dT%H:%M}",
            "planned_time_zone": zone,
            "duration": int(data["duration"].total_seconds() // 60),
            "language": data["language"],
            "interpretation_languages": ",".join(languages[1:]),
            "skills": data["skill"].pk,
        }
        add_url = reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_add")
        return {
            "slot": slot,
            "local": wall_clock if data["time_zone"] else None,
            "zone": zone,
            "plan_url": f"{add_url}?{urlencode(query)}",
        }

    def get_changeform_initial_data(self, request):
        """The add form filled from a suggestion: `start` is a local ISO time in `planned_time_zone`."""
        initial = super().get_changeform_initial_data(request)
        try:
            initial["start"] = datetime.fromisoformat(request.GET.get("start", ""))
        except ValueError:
            initial.pop("start", None)
        else:
            start = initial["start"]
            if start.tzinfo is not None or not scheduling.FIRST_YEAR <= start.year <= scheduling.LAST_YEAR:
                initial.pop("start")
        if "interpretation_languages" in initial:
            initial["interpretation_languages"] = [
                code for code in initial["interpretation_languages"].split(",") if code
            ]
        return initial

    def slot_finder_url(self, clinic):
        """The slot finder, filled in with what `clinic` already says."""
        query = {
            "language": clinic.language,
            "interpretation_languages": clinic.interpretation_languages,
            "date": f"{clinic.start:%Y-%m-%d}",
            "duration": int(clinic.duration.total_seconds() // 60),
            "time_zone": clinic.planned_time_zone if clinic.planned_time_zone in scheduling.time_zone_names() else "",
            "clinic": quote(clinic.pk),
        }
        skill = clinic.skills.order_by("pk").first()
        if skill is not None:
            query["skill"] = skill.pk
        url = reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_slot_finder")
        return f"{url}?{urlencode(query, doseq=True)}"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["slot_finder_url"] = self.slot_finder_url(obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


def _own_time_zone(user):
    zone = Participant.objects.filter(user=user).values_list("time_zone", flat=True).first()
    return zone if zone in scheduling.time_zone_names() else ""
