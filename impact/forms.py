"""The dates the impact page counts to ("as of") and from (an optional start)."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .queries import Period

EARLIEST = date(2000, 1, 1)


class PeriodForm(forms.Form):
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Counts everything up to the end of this day (UTC). Empty: today."),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Optional: count only what happened from this day on."),
    )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of and as_of > timezone.now().date():
            raise forms.ValidationError(_("Choose today or an earlier day."), code="future")
        if as_of and as_of < EARLIEST:
            raise forms.ValidationError(_("Choose a day in 2000 or later."), code="too_early")
        return as_of

    def clean(self):
        cleaned = super().clean()
        start, as_of = cleaned.get("start"), cleaned.get("as_of") or timezone.now().date()
        if start and (start > as_of or start < EARLIEST):
            self.add_error("start", forms.ValidationError(_("Choose a day before the “as of” day."), code="order"))
        return cleaned

    def period(self):
        """The period asked for; today, from the beginning, while the form is invalid or empty."""
        today = timezone.now().date()
        if not self.is_valid():
            return Period(as_of=today)
        return Period(as_of=self.cleaned_data["as_of"] or today, start=self.cleaned_data["start"])
