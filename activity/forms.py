"""The choice to share one's on-wiki activity, on the account's settings."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ActivityForm(forms.Form):
    share = forms.BooleanField(
        label=_("Let Let’s Connect read my public on-wiki activity"),
        required=False,
        help_text=_(
            "Once a week: my global edit count and how many edits I make each month on my home wikis. "
            "Never which pages or what I wrote. Turning this off deletes what was read."
        ),
    )
    shown_on_profile = forms.BooleanField(
        label=_("Show my on-wiki activity on my profile"),
        required=False,
        help_text=_("Only my edits of the last 12 months per wiki, to whoever may see my profile."),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean(self):
        cleaned = super().clean()
        verified = self.participant.wikimedia_username_verified and self.participant.wikimedia_username
        if cleaned.get("share") and not verified:
            self.add_error(
                "share",
                forms.ValidationError(
                    _(
                        "Sign in with Wikimedia once (under “Wikimedia account”) so that we know your username is "
                        "yours."
                    ),
                    code="not_verified",
                ),
            )
        if cleaned.get("shown_on_profile") and not cleaned.get("share"):
            self.add_error(
                "shown_on_profile",
                forms.ValidationError(_("Your activity can only be shown once you share it."), code="not_shared"),
            )
        return cleaned
