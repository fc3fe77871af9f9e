from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=100,
        help_text=_("What it is for, e.g. “my calendar script”."),
        error_messages={"required": _("Give the token a name, so that you recognise it later.")},
    )
