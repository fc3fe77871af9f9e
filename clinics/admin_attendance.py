"""The clinic admin's "Import attendance" page: upload a video platform's participant report, check the
preview, confirm. Parsing and saving live in `clinics.importers.reports`; this module only shows and asks."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import scheduling
from .importers import reports
from .importers.common import MAX_FILE_BYTES, ImportFileError


class AttendanceReportForm(forms.Form):
    report = forms.FileField(
        label=gettext_lazy("Participant report (CSV)"),
        help_text=gettext_lazy(
            "The CSV file that Zoom (Reports › Usage › Participants), Google Meet (the attendance report) or "
            "Jitsi exports after the meeting."
        ),
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone of the report's times"),
        choices=scheduling.time_zone_choices,
        widget=scheduling.TimeZoneSelect,
        help_text=gettext_lazy(
            "Zoom and Meet write times in the time zone of the account that downloads the report. "
            "Times written with an offset ignore this."
        ),
    )
    min_minutes = forms.IntegerField(
        label=gettext_lazy("Ignore people present less than (minutes)"),
        min_value=0,
        max_value=24 * 60,
        initial=0,
    )


class ConfirmReportForm(forms.Form):
    report = forms.CharField(widget=forms.HiddenInput)


class AttendanceImportMixin:
    """Adds the attendance import to ClinicAdmin: `class ClinicAdmin(AttendanceImportMixin, ...)`."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import_attendance"
        view = self.admin_site.admin_view(self.import_attendance_view)
        return [path("<path:object_id>/import-attendance/", view, name=name), *super().get_urls()]

    def import_attendance_view(self, request, object_id):
        clinic = self.get_object(request, unquote(object_id))
        if clinic is None:
            raise Http404
        if not (self.has_change_permission(request, clinic) and request.user.has_perm("clinics.add_attendance")):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[clinic.pk])
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, clinic, change_url)
        upload_form = AttendanceReportForm(
            initial={
                "time_zone": clinic.planned_time_zone
                if clinic.planned_time_zone in scheduling.time_zone_names()
                else "UTC"
            }
        )
        plan = signed = report = None
        if request.method == "POST":
            upload_form = AttendanceReportForm(request.POST, request.FILES)
            if upload_form.is_valid():
                data = upload_form.cleaned_data
                try:
                    report = reports.parse_report(
                        data=data["report"].read(MAX_FILE_BYTES + 1),
                        time_zone=data["time_zone"],
                        clinic=clinic,
                    )
                except ImportFileError as error:
                    upload_form.add_error("report", str(error))
                else:
                    plan = reports.plan_import(clinic=clinic, report=report, min_minutes=data["min_minutes"])
                    signed = reports.sign_report(clinic=clinic, report=report, min_minutes=data["min_minutes"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": clinic,
            "title": _("Import attendance"),
            "subtitle": str(clinic),
            "change_url": change_url,
            "upload_form": upload_form,
            "report": report,
            "plan": plan,
            "confirm_form": ConfirmReportForm(initial={"report": signed}) if plan else None,
        }
        return TemplateResponse(request, "admin/clinics/clinic/import_attendance.html", context)

    def _confirm(self, request, clinic, change_url):
        form = ConfirmReportForm(request.POST)
        try:
            if not form.is_valid():
                raise signing.BadSignature
            report, min_minutes = reports.unsign_report(clinic=clinic, signed=form.cleaned_data["report"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            messages.error(request, _("The preview has expired or was changed. Upload the report again."))
            return HttpResponseRedirect(request.path)
        plan = reports.save_report(clinic=clinic, report=report, min_minutes=min_minutes)
        messages.success(
            request,
            _("Attendance recorded. Participants: %(matched)s; attendees without an account: %(new)s.")
            % {"matched": len(plan.matched), "new": len(plan.new)},
        )
        return HttpResponseRedirect(change_url)
