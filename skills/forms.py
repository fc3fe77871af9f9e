"""The skills a participant shares and wants to learn, picked from the taxonomy grouped by category."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from participants.languages import language_choices, language_codes
from participants.models import Participant

from .models import ParticipantSkill, Skill


def countries_by_code():
    return {country.code: country.name for country in countries}


class ParticipantSkillsForm(forms.Form):
    """One 'can share' level and one 'want to learn' box per skill."""

    def __init__(self, *args, categories, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        self.rows = []
        share_choices = [("", _("I don’t share this")), *ParticipantSkill.Level.choices]
        for category in categories:
            rows = []
            for skill in category.skills.all():
                share = forms.ChoiceField(
                    label=pgettext_lazy("skill", "Can share"),
                    choices=share_choices,
                    required=False,
                    initial=current.get((skill.pk, ParticipantSkill.Kind.SHARE), ""),
                )
                learn = forms.BooleanField(
                    label=_("I want to learn this"),
                    required=False,
                    initial=(skill.pk, ParticipantSkill.Kind.LEARN) in current,
                )
                self.fields[f"share-{skill.slug}"] = share
                self.fields[f"learn-{skill.slug}"] = learn
                rows.append((skill, f"share-{skill.slug}", f"learn-{skill.slug}"))
            self.rows.append((category, rows))

    def grouped(self):
        """(category, [(skill, share bound field, learn bound field)]) for the template."""
        return [
            (category, [(skill, self[share], self[learn]) for skill, share, learn in rows])
            for category, rows in self.rows
        ]

    def shares(self):
        return {
            skill: self.cleaned_data[share]
            for _category, rows in self.rows
            for skill, share, _learn in rows
            if self.cleaned_data[share]
        }

    def learns(self):
        return {skill for _category, rows in self.rows for skill, _share, learn in rows if self.cleaned_data[learn]}


class DirectoryForm(forms.Form):
    """The directory's query string: words and facets, each optional; a bad value is explained, then ignored."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    skill = forms.SlugField(label=_("Skill"), required=False)
    category = forms.SlugField(label=_("Skill category"), required=False)
    mode = forms.ChoiceField(
        label=_("Share or learn"), choices=[("", _("Either")), *ParticipantSkill.Kind.choices], required=False
    )
    region = forms.CharField(label=_("Region"), max_length=8, required=False)
    country = forms.CharField(label=_("Country"), max_length=2, required=False)
    language = forms.CharField(label=_("Language spoken"), max_length=12, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Participant.Role.choices], required=False)
    affiliate = forms.IntegerField(
        label=_("Affiliate"),
        required=False,
        min_value=1,
        # An affiliate's id is a database integer: a larger number names no affiliate (and cannot be queried).
        max_value=2**31 - 1,
        error_messages={"min_value": _("There is no such affiliate."), "max_value": _("There is no such affiliate.")},
    )

    def __init__(self, *args, skill_slugs, category_slugs, region_codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill_slugs = skill_slugs
        self.category_slugs = category_slugs
        self.region_codes = region_codes

    def _known(self, name, known, message):
        value = self.cleaned_data[name]
        if value and value not in known:
            raise forms.ValidationError(message, code="unknown")
        return value

    def clean_skill(self):
        return self._known("skill", self.skill_slugs, _("There is no such skill."))

    def clean_category(self):
        return self._known("category", self.category_slugs, _("There is no such skill category."))

    def clean_region(self):
        return self._known("region", self.region_codes, _("There is no such region."))

    def clean_country(self):
        return self._known("country", set(countries_by_code()), _("There is no such country."))

    def clean_language(self):
        return self._known("language", language_codes(), _("There is no such language."))

    def values(self):
        """The facet values that are valid (all of them, or those left after the bad ones)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name != "q" and value}


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000})
    )
    reply_to_sender = forms.BooleanField(
        label=_("Let them reply to my email address"),
        required=False,
        help_text=_("If you leave this off, your address stays hidden too; they can answer through your profile."),
    )


class MentorshipRequestForm(forms.Form):
    skill = forms.ModelChoiceField(label=_("Skill"), queryset=None, empty_label="—")
    message = forms.CharField(
        label=_("What would you like to learn, and why?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
    )

    def __init__(self, *args, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = Skill.objects.filter(
            participants__participant=mentor, participants__kind=ParticipantSkill.Kind.SHARE
        )


class EndMentorshipForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it end?"),
        choices=[("completed", _("Completed")), ("withdrawn", _("Withdrawn"))],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )


class DemandForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *((region.code, region.name) for region in regions)]
        self.fields["language"].choices = [("", _("All languages")), *language_choices()]
