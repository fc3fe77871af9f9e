"""Forms of the resource pages: the list's search and filters, and a sharer's new resource."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participants.languages import language_choices, language_name

from . import uploads
from .models import Resource

LENGTH_CHOICES = [
    ("", _("Any length")),
    ("10", _("10 minutes or less")),
    ("30", _("30 minutes or less")),
    ("60", _("An hour or less")),
]


class _CurrentFile:
    """The stored file as ClearableFileInput shows it: its name, linked to `url`."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class CurrentFileLink:
    """For a file input: its "Currently" links to the resource's download page. The media folder itself is not
    served (in production), and the download page adds the checked type, attachment and sandbox headers."""

    def __init__(self, *args, resource=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource

    def format_value(self, value):
        value = super().format_value(value)
        if value and self.resource is not None and self.resource.pk:
            return _CurrentFile(str(value), reverse("resources:download", kwargs={"slug": self.resource.slug}))
        return value


class CurrentFileInput(CurrentFileLink, forms.ClearableFileInput):
    pass


FILE_HELP = _("PDF, ODP or PPTX slides, or a PNG, JPEG or WebP image; at most %(limit)s.")


class ResourceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), max_length=200, required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any")), *Resource.Kind.choices], required=False)
    language = forms.ChoiceField(label=_("Language of the material"), required=False)
    length = forms.ChoiceField(label=_("Length"), choices=LENGTH_CHOICES, required=False)

    def __init__(self, *args, skills, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Words from the title or summary, in any language, or an author.")
        self.fields["skill"].choices = [("", _("Any")), *((skill.slug, skill.name) for skill in skills)]
        names = sorted(((code, language_name(code)) for code in languages), key=lambda choice: choice[1].casefold())
        self.fields["language"].choices = [("", _("Any")), *names]


class ResourceForm(forms.ModelForm):
    """A sharer's new resource: a link or a file, attached to one of the clinics they shared."""

    languages = forms.MultipleChoiceField(
        label=_("Language(s) of the material"),
        help_text=_("Hold Ctrl (or ⌘) to choose more than one."),
        error_messages={"required": _("Choose the language the material is in.")},
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "kind",
            "languages",
            "minutes",
            "clinic",
            "skills",
            "url",
            "file",
            "licence",
            "author",
        ]
        labels = {"url": _("Link"), "file": _("Or a file")}
        help_texts = {
            "title": _("In the language of the material, or in English. Liaisons can add translations."),
            "url": _("Where the material is: a video, a page on Meta-Wiki, a course on WikiLearn."),
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def __init__(self, *args, clinics, skills, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            # What the sharer wrote is in the default-language column (the page may show a translation).
            default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
            kwargs["initial"] = {
                "title": getattr(instance, f"title_{default}"),
                "summary": getattr(instance, f"summary_{default}") or "",
                "languages": [row.language for row in instance.languages.all()],
            } | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["clinic"].queryset = clinics
        self.fields["clinic"].required = True
        self.fields["clinic"].empty_label = None
        self.fields["clinic"].help_text = _("Only the clinics you shared.")
        self.fields["skills"].queryset = skills
        self.fields["skills"].widget = forms.CheckboxSelectMultiple(choices=self.fields["skills"].choices)
        self.fields["file"].help_text = _(
            "PDF, ODP or PPTX slides, or a PNG, JPEG or WebP image; at most %(limit)s."
        ) % {"limit": uploads.limit_display()}
        self.fields["file"].widget = CurrentFileInput(resource=self.instance)

    def resource_values(self):
        """The cleaned values, as the services take them."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["file"] = values["file"] or None
        return values
