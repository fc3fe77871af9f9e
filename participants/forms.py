"""Forms of the profile (registration step 2 and editing), its languages and home wikis, and settings."""

import zoneinfo
from functools import lru_cache

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .languages import WikimediaProject, edition_choices, language_choices, language_name
from .models import Affiliate, Country, HomeWiki, Participant, SpokenLanguage
from .wikis import site_matrix

BIO_MAX_LENGTH = 1000


@lru_cache(maxsize=1)
def _time_zone_choices():
    return [("", "—"), *[(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]]


class CountryChoiceField(forms.ModelChoiceField):
    """Countries named and sorted in the reader's language; the region follows from the choice."""

    def label_from_instance(self, country):
        return country.code.name


def _sorted_country_choices(field):
    choices = [(country.pk, country.code.name) for country in field.queryset]
    return [("", "—"), *sorted(choices, key=lambda choice: choice[1].casefold())]


class ProfileForm(forms.ModelForm):
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all(), empty_label="—")
    areas_of_work = forms.MultipleChoiceField(
        label=_("Areas of work"),
        choices=Participant.AreaOfWork.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    affiliates = forms.ModelMultipleChoiceField(
        label=_("Affiliates"),
        queryset=Affiliate.objects.filter(active=True),
        required=False,
        help_text=_("Hold Ctrl (or Cmd on a Mac) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zone_choices, required=False)
    consent = forms.BooleanField(
        label=_("I have read the privacy statement and agree to it."),
        required=True,
    )

    class Meta:
        model = Participant
        fields = [
            "display_name",
            "country",
            "role",
            "wikimedia_username",
            "affiliation",
            "affiliates",
            "group_name",
            "areas_of_work",
            "wiki_experience",
            "time_zone",
            "email_language",
            "pronouns",
            "heard_from",
            "bio",
            "gender",
            "gender_self_description",
            "age_range",
            "announcements_enabled",
        ]
        labels = {
            "announcements_enabled": _("Send me announcements and a monthly digest from the program"),
            "display_name": _("Display name"),
            "role": _("Role"),
            "wikimedia_username": _("Wikimedia username"),
            "affiliation": _("Affiliation"),
            "group_name": _("Name of the group"),
            "wiki_experience": _("Wiki experience"),
            "email_language": _("Language for emails"),
            "pronouns": _("Pronouns"),
            "heard_from": _("How did you hear of Let's Connect?"),
            "bio": _("Short bio"),
            "gender": _("Gender"),
            "gender_self_description": _("Your gender, in your own words (if not listed)"),
            "age_range": _("Age range"),
        }
        help_texts = {
            "display_name": _("The name other participants see."),
            "wikimedia_username": _("Sign in with Wikimedia to have it verified."),
            "bio": _("Up to 1,000 characters. Plain text."),
            "announcements_enabled": _(
                "A few emails a month at most, in your language. Every one has a link to stop them."
            ),
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4, "maxlength": BIO_MAX_LENGTH}),
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
        }

    def __init__(self, *args, consent_needed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].required = True
        self.fields["country"].choices = _sorted_country_choices(self.fields["country"])
        self.fields["email_language"].initial = self.initial.get("email_language") or get_language()
        if not consent_needed:
            del self.fields["consent"]
        if self.instance.pk:
            # Asked once, at registration; afterwards it is changed on the settings page.
            del self.fields["announcements_enabled"]
        if self.instance.wikimedia_username_verified:
            self.fields["wikimedia_username"].disabled = True
            self.fields["wikimedia_username"].help_text = _("Verified through your Wikimedia account.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("affiliation") == Participant.Affiliation.AFFILIATE and not cleaned.get("affiliates"):
            self.add_error("affiliates", _("Choose at least one affiliate, or pick another affiliation."))
        if cleaned.get("affiliation") != Participant.Affiliation.AFFILIATE:
            cleaned["affiliates"] = []
        if cleaned.get("affiliation") != Participant.Affiliation.UNRECOGNISED_GROUP:
            cleaned["group_name"] = ""
        if cleaned.get("gender") != Participant.Gender.NOT_LISTED:
            cleaned["gender_self_description"] = ""
        return cleaned


class SpokenLanguageForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=())

    class Meta:
        model = SpokenLanguage
        fields = ["language", "level"]
        labels = {"level": _("Level")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *language_choices()]


class HomeWikiForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language edition"), choices=(), required=False)

    class Meta:
        model = HomeWiki
        fields = ["project", "language"]
        labels = {"project": _("Project")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *edition_choices()]

    def clean(self):
        cleaned = super().clean()
        project, edition = cleaned.get("project"), cleaned.get("language")
        if project in WikimediaProject.MULTILINGUAL:
            cleaned["language"] = ""
        elif project and not edition:
            self.add_error("language", _("Choose the language edition of this project."))
        elif project and edition and site_matrix().get(project, edition) is None:
            self.add_error(
                "language",
                _("There is no %(project)s in %(language)s; choose an edition that exists.")
                % {"project": dict(WikimediaProject.CHOICES)[project], "language": language_name(edition)},
            )
        return cleaned


class _AtLeastOneLanguage(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError(_("Add at least one language you speak."), code="no_language")


# absolute_max: a posted TOTAL_FORMS beyond it builds no more forms (Django's default, max_num + 1000, let one
# request build and render a thousand forms of a few hundred languages each: seconds of work per request).
SpokenLanguageFormSet = inlineformset_factory(
    Participant,
    SpokenLanguage,
    form=SpokenLanguageForm,
    formset=_AtLeastOneLanguage,
    extra=2,
    max_num=12,
    absolute_max=12,
)
HomeWikiFormSet = inlineformset_factory(Participant, HomeWiki, form=HomeWikiForm, extra=2, max_num=12, absolute_max=12)


class PreferencesForm(forms.ModelForm):
    """Privacy and email preferences."""

    class Meta:
        model = Participant
        fields = [
            "listed",
            "show_affiliation",
            "show_time_zone",
            "show_attendance",
            "email_language",
            "reminders_enabled",
            "messages_enabled",
            "announcements_enabled",
            "digest_enabled",
        ]
        labels = {
            "announcements_enabled": _("Send me announcements from the program"),
            "digest_enabled": _(
                "Send me a monthly digest: upcoming clinics in my languages and new sharers of skills I want to learn"
            ),
            "listed": _("List me in the Skills Directory"),
            "show_affiliation": _("Show my affiliation on my profile"),
            "show_time_zone": _("Show my time zone on my profile"),
            "show_attendance": _("Show the clinics I attended on my profile"),
            "email_language": _("Language for emails"),
            "reminders_enabled": _("Send me clinic reminders by email"),
            "messages_enabled": _("Let other participants send me messages through the site"),
        }
        help_texts = {
            "listed": _("When this is off, only you and the program's staff can see your profile."),
            "messages_enabled": _("Messages and mentorship requests. Your email address is never shown to the sender."),
            "show_time_zone": _(
                "Others can then plan with you across time zones. Your pages and emails give times in your zone "
                "either way."
            ),
            "show_attendance": _(
                "Including the attendance a liaison recorded for you. Your data download always holds it."
            ),
            "digest_enabled": _("Only while you accept announcements; not sent in a month with nothing new."),
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."), code="wrong_password")
        return password
