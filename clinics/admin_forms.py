"""The forms of the clinic admin: a clinic planned in an IANA time zone, its start typed in that zone's local time
with the UTC instant beside it, its duration in minutes, its liaisons picked among those who can be liaisons."""

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from participants.liaisons import liaison_candidates

from . import scheduling
from .models import Clinic


class MinutesField(forms.IntegerField):
    """A duration typed as a whole number of minutes; cleaned to a timedelta."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", scheduling.MAX_DURATION_MINUTES)
        kwargs.setdefault(
            "help_text", _("In minutes: 90 for an hour and a half, 120 for two hours (at most 720, 12 hours).")
        )
        kwargs.setdefault(
            "error_messages",
            {
                "min_value": _("A clinic must end after it starts: give it a duration longer than zero."),
                "max_value": _("A clinic lasts at most %(limit_value)s minutes (12 hours)."),
                "invalid": _("Write the duration as a whole number of minutes, such as 90."),
            },
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "vIntegerField")

    def prepare_value(self, value):
        if isinstance(value, timedelta):
            return int(value.total_seconds() // 60)
        return value

    def clean(self, value):
        minutes = super().clean(value)
        return None if minutes is None else timedelta(minutes=minutes)

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)


class WallClockField(forms.SplitDateTimeField):
    """A date and a time as read on a clock, without a zone: the form places it in the planning zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", AdminSplitDateTime)
        super().__init__(**kwargs)

    def compress(self, data_list):
        if not data_list:
            return None
        day, time = data_list
        if day in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if time in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        scheduling.validate_year(day)
        return datetime.combine(day, time)


class LiaisonAutocomplete(AutocompleteSelectMultiple):
    """Django's autocomplete, asking the clinic admin's own view, which offers only people who can be liaisons."""

    def get_url(self):
        return reverse(f"{self.admin_site.name}:clinics_clinic_liaison_autocomplete")


class ClinicAdminForm(forms.ModelForm):
    planned_time_zone = forms.ChoiceField(
        label=_("planning time zone"),
        choices=scheduling.time_zone_choices,
        widget=scheduling.TimeZoneSelect,
        initial="UTC",
        help_text=_("The start below is read in this zone; copies of the clinic keep its local time."),
    )
    start = WallClockField(label=_("start, in the planning time zone"))
    duration = MinutesField(label=_("duration (minutes)"), initial=120)
    interpretation_languages = forms.MultipleChoiceField(
        label=_("interpretation offered into"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Clinic
        fields = "__all__"  # noqa: DJ007 - the admin, not this form, chooses the fields it shows

    class Media:
        js = ["js/admin_clinic_start.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.start:
            self.initial["start"] = scheduling.utc_to_wall_clock(instance.start, instance.planned_time_zone)
        if instance.pk and instance.planned_time_zone not in scheduling.time_zone_names():
            # Saved before zones were checked: shown as UTC, which is how its start is read until it is fixed.
            self.initial["planned_time_zone"] = "UTC"
        utc = f"{instance.start:%Y-%m-%d %H:%M} UTC" if instance.pk and instance.start else "–"
        self.fields["start"].help_text = format_html(
            '{} <output class="clinic-start-utc" data-prefix="{}">{}</output>',
            _("The date and time on a clock in the planning time zone."),
            _("In UTC:"),
            format_html("{} {}", _("In UTC:"), utc),
        )
        if "liaisons" in self.fields:
            assigned = instance.liaisons.all() if instance.pk else self.fields["liaisons"].queryset.none()
            self.fields["liaisons"].queryset = (
                liaison_candidates() | self.fields["liaisons"].queryset.filter(pk__in=assigned.values("pk"))
            ).distinct()

    def clean(self):
        cleaned = super().clean()
        wall_clock = cleaned.get("start")
        if wall_clock is not None:
            # Without a valid zone the form fails on the zone; the start is then read in UTC to say nothing more.
            try:
                cleaned["start"] = scheduling.wall_clock_to_utc(wall_clock, cleaned.get("planned_time_zone") or "UTC")
            except ValidationError as error:
                self.add_error("start", error)
        return cleaned


class DuplicateForm(forms.Form):
    date = forms.DateField(
        label=_("new date"),
        help_text=_("The copy starts at the same local time, in the time zone the clinic was planned in."),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[scheduling.validate_year],
    )
