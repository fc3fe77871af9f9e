"""Forms of the clinic pages: the list's filters and the RSVP."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import scheduling
from .models import Clinic, Feedback


class LanguageTaggedSelect(forms.Select):
    """A select whose options may say their own language: `languages` maps an option's value to its `lang` and
    `dir` (a topic named in English on an Arabic page)."""

    def __init__(self, *args, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = languages or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"].update(self.languages.get(str(value), {}))
        return option


class ClinicFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=LanguageTaggedSelect)
    skill = forms.ChoiceField(label=_("Skill"), required=False, widget=LanguageTaggedSelect)
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

    def __init__(self, *args, topics, skills, languages=None, **kwargs):
        """`topics` and `skills`: (slug, name) pairs; `languages`: {"topic"/"skill": {slug: {"lang", "dir"}}} for
        names shown in a fallback language."""
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any")), *topics]
        self.fields["skill"].choices = [("", _("Any")), *skills]
        for name in ("topic", "skill"):
            self.fields[name].widget.languages = (languages or {}).get(name, {})

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month:
            scheduling.validate_year(int(month[:4]))
        return month


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


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How useful was this session for you?"),
        choices=[
            (5, _("5 – very useful")),
            (4, _("4 – useful")),
            (3, _("3 – somewhat useful")),
            (2, _("2 – a little useful")),
            (1, _("1 – not useful")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how useful the session was.")},
    )

    class Meta:
        model = Feedback
        fields = ["rating", "learned", "will_apply"]
        labels = {"learned": _("What did you learn?"), "will_apply": _("What will you apply in your work?")}
        widgets = {
            "learned": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "will_apply": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }
