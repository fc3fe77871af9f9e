"""The skills a participant shares and wants to learn, picked from the taxonomy grouped by category."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import ParticipantSkill


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
