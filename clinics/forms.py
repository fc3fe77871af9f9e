"""Forms of the clinic pages: the list's filters and the RSVP."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Clinic


class ClinicFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the session"), choices=[("", _("Any")), *settings.LANGUAGES], required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any")), *Clinic.Kind.choices], required=False)
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        error_messages={"invalid": _("Write the month as YYYY-MM.")},
    )

    def __init__(self, *args, topics, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any")), *((topic.slug, topic.name) for topic in topics)]
        self.fields["skill"].choices = [("", _("Any")), *((skill.slug, skill.name) for skill in skills)]


class RegistrationForm(forms.Form):
    interpretation_language = forms.ChoiceField(label=_("Interpretation needed into"), required=False)

    def __init__(self, *args, clinic, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["interpretation_language"].choices = [
            ("", _("None, I follow the session’s language")),
            *((code, names.get(code, code)) for code in clinic.interpretation_languages),
        ]
        if not clinic.interpretation_languages:
            self.fields["interpretation_language"].widget = forms.HiddenInput()
