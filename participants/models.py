"""Accounts, participant profiles, affiliates, and the Wikimedia regions that countries belong to."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .languages import WikimediaProject, language_label, language_name
from .wikis import site_matrix


class User(AbstractUser):
    """The account; everything about the person as a participant lives on `Participant`."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class Region(models.Model):
    """A Wikimedia region (CEECA, ESEAP, LAC, MENA, SA, SSA, NA, NWE)."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    underrepresented = models.BooleanField(_("underrepresented"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class CountryQuerySet(models.QuerySet):
    def in_region(self, region_code):
        return self.filter(region_id=region_code)


class Country(models.Model):
    """One row per country or territory: which Wikimedia region it belongs to (editable data, not code)."""

    code = CountryField(_("country"), primary_key=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True, related_name="countries"
    )
    wikidata_qid = models.CharField(_("Wikidata item"), max_length=20, blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return str(self.code.name)

    @property
    def name(self):
        return self.code.name


class Affiliate(models.Model):
    """A Wikimedia affiliate (chapter, thematic organisation or user group); data the liaisons edit."""

    class Kind(models.TextChoices):
        CHAPTER = "chapter", _("Chapter")
        THEMATIC_ORGANISATION = "thematic_organisation", _("Thematic organisation")
        USER_GROUP = "user_group", _("User group")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True, related_name="affiliates"
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("affiliate")
        verbose_name_plural = _("affiliates")

    def __str__(self):
        return self.name


class ParticipantQuerySet(models.QuerySet):
    def time_zone_of(self, user):
        """The time zone `user` chose in their profile, "" when they have none (or are not signed in)."""
        if not user.is_authenticated:
            return ""
        return self.filter(user=user).values_list("time_zone", flat=True).first() or ""

    def listed(self):
        """Participants who chose to appear in the public directory."""
        return self.filter(listed=True, user__is_active=True)

    def visible_to(self, user):
        """Profiles `user` may see: listed ones, their own, and every one for staff."""
        if user.is_authenticated and user.is_staff:
            return self.filter(user__is_active=True)
        if user.is_authenticated:
            return self.filter(models.Q(listed=True) | models.Q(user=user), user__is_active=True)
        return self.listed()


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_time_zone")


class Participant(models.Model):
    """A person registered in Let's Connect: the profile attached to an account.

    Gender and age range are private: only ever counted in aggregates, shown to nobody.
    """

    class Role(models.TextChoices):
        AFFILIATE_PAID_STAFF = "affiliate-paid-staff", _("Paid staff of an affiliate or user group")
        AFFILIATE_VOLUNTEER_STAFF = "affiliate-volunteer-staff", _("Volunteer staff of an affiliate or user group")
        INDEPENDENT_ORGANISER = "independent-organiser", _("Volunteer organiser mostly outside user groups")
        EXECUTIVE_DIRECTOR = "executive-director", _("Executive director")
        BOARD_MEMBER = "board-member", _("Board member")
        INDIVIDUAL_EDITOR = "individual-editor", _("Individual volunteer editor")

    class Affiliation(models.TextChoices):
        AFFILIATE = "affiliate", _("Member of one or more affiliates")
        UNRECOGNISED_GROUP = "unrecognised-group", _("A group not yet recognised")
        INDIVIDUAL = "individual", _("Individual")

    class AreaOfWork(models.TextChoices):
        CLIMATE = "climate", _("Climate change and sustainability")
        PUBLIC_POLICY = "public-policy", _("Public policy")
        EDUCATION = "education", _("Education")
        OPEN_TECHNOLOGY = "open-technology", _("Open technology")
        DIVERSITY = "diversity", _("Diversity")
        GLAM = "glam", _("Culture, heritage and GLAM")
        GOVERNANCE = "governance", _("Governance")
        HUMAN_RIGHTS = "human-rights", _("Human rights")
        ADVOCACY = "advocacy", _("Advocacy")

    class WikiExperience(models.TextChoices):
        NEWCOMER = "newcomer", _("Newcomer")
        EXPERIENCED = "experienced", _("Experienced editor")
        EXTENDED_RIGHTS = "extended-rights", _("Extended rights (administrator or other functionary)")

    class HeardFrom(models.TextChoices):
        LIAISON = "liaison", _("A community liaison")
        AFFILIATE = "affiliate", _("My affiliate or user group")
        COLLEAGUE = "colleague", _("A friend or colleague")
        EVENT = "event", _("A conference or event")
        SOCIAL_MEDIA = "social-media", _("Social media")
        MAILING_LIST = "mailing-list", _("A mailing list or newsletter")
        ON_WIKI = "on-wiki", _("A wiki page (Meta-Wiki, village pump)")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non-binary", _("Non-binary")
        AGENDER = "agender", _("Agender")
        NOT_LISTED = "not-listed", _("Not listed")
        PREFER_NOT = "prefer-not", _("Prefer not to say")

    class AgeRange(models.TextChoices):
        UNDER_25 = "under-25", _("Under 25")
        FROM_25 = "25-34", "25–34"
        FROM_35 = "35-44", "35–44"
        FROM_45 = "45-54", "45–54"
        FROM_55 = "55-64", "55–64"
        FROM_65 = "65-74", "65–74"
        FROM_75 = "75-84", "75–84"
        FROM_85 = "85-plus", _("85 and over")
        PREFER_NOT = "prefer-not", _("Prefer not to say")

    user = models.OneToOneField(
        "participants.User", verbose_name=_("account"), on_delete=models.CASCADE, related_name="participant"
    )
    display_name = models.CharField(_("display name"), max_length=100)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    wikimedia_username = models.CharField(_("Wikimedia username"), max_length=85, blank=True)
    wikimedia_username_verified = models.BooleanField(_("Wikimedia username verified"), default=False)
    affiliation = models.CharField(_("affiliation"), max_length=32, choices=Affiliation.choices, blank=True)
    affiliates = models.ManyToManyField(
        Affiliate, verbose_name=_("affiliates"), blank=True, related_name="participants"
    )
    group_name = models.CharField(_("name of the group"), max_length=200, blank=True)
    areas_of_work = models.JSONField(_("areas of work"), default=list, blank=True)
    wiki_experience = models.CharField(_("wiki experience"), max_length=32, choices=WikiExperience.choices, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, validators=[validate_time_zone])
    email_language = models.CharField(
        _("language for emails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    heard_from = models.CharField(
        _("how you heard of Let's Connect"), max_length=32, choices=HeardFrom.choices, blank=True
    )
    bio = models.TextField(_("short bio"), blank=True, validators=[MaxLengthValidator(1000)])
    # Private: never shown to anyone, counted only in aggregates.
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    gender_self_description = models.CharField(_("gender, in your own words"), max_length=100, blank=True)
    age_range = models.CharField(_("age range"), max_length=16, choices=AgeRange.choices, blank=True)
    # Privacy and email preferences.
    listed = models.BooleanField(_("list me in the Skills Directory"), default=False)
    show_affiliation = models.BooleanField(_("show my affiliation on my profile"), default=True)
    # Off until the person turns them on: the zone may have been suggested by the browser, and attendance is often
    # recorded by a liaison's import rather than by the person.
    show_time_zone = models.BooleanField(_("show my time zone on my profile"), default=False)
    show_attendance = models.BooleanField(_("show the clinics I attended on my profile"), default=False)
    reminders_enabled = models.BooleanField(_("clinic reminders by email"), default=True)
    messages_enabled = models.BooleanField(_("messages from other participants"), default=True)
    # Outreach: announcements are an explicit opt-in; the monthly digest goes only to those who accept them.
    announcements_enabled = models.BooleanField(_("announcements by email"), default=False)
    digest_enabled = models.BooleanField(_("monthly digest by email"), default=True)
    # The address a mail server refused for good (5xx); skipped while it is still the account's address.
    refused_email = models.EmailField(_("address refused by the mail server"), blank=True)
    max_mentees = models.PositiveSmallIntegerField(
        _("most mentees at a time"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    privacy_version = models.CharField(_("privacy statement version"), max_length=20, blank=True)
    privacy_consented_at = models.DateTimeField(_("privacy statement accepted"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Directory search: lower-cased, accent-free text of the public fields (skill names are matched
    # through the taxonomy instead, see skills.queries).
    search_name = models.TextField(editable=False, blank=True)
    search_about = models.TextField(editable=False, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        indexes = [models.Index(fields=["listed", "country"], name="participant_directory_idx")]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("participants:profile", kwargs={"username": self.user.username})

    @property
    def region(self):
        return self.country.region if self.country else None

    def get_areas_of_work_display(self):
        labels = dict(self.AreaOfWork.choices)
        return [labels[area] for area in self.areas_of_work if area in labels]

    def missing_optional_fields(self):
        """Labels of the optional parts of the profile that are still empty, for the 'finish later' list."""
        checks = [
            (self.wikimedia_username, _("Wikimedia username")),
            (self.home_wikis.all(), _("home wikis")),
            (self.affiliation, _("affiliation")),
            (self.areas_of_work, _("areas of work")),
            (self.wiki_experience, _("wiki experience")),
            (self.time_zone, _("time zone")),
            (self.pronouns, _("pronouns")),
            (self.heard_from, _("how you heard of Let's Connect")),
            (self.bio, _("short bio")),
        ]
        return [label for value, label in checks if not value]


class SpokenLanguage(models.Model):
    """A language a participant speaks, with a level from 1 (basic) to 5, or native."""

    class Level(models.TextChoices):
        BASIC = "1", _("1 – basic")
        ELEMENTARY = "2", _("2 – elementary")
        INTERMEDIATE = "3", _("3 – intermediate")
        ADVANCED = "4", _("4 – advanced")
        FLUENT = "5", _("5 – fluent")
        NATIVE = "N", _("native")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=12)
    level = models.CharField(_("level"), max_length=1, choices=Level.choices, default=Level.INTERMEDIATE)

    class Meta:
        ordering = ["-level", "language"]
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        constraints = [
            models.UniqueConstraint(fields=["participant", "language"], name="one_level_per_spoken_language")
        ]
        indexes = [models.Index(fields=["language"], name="spokenlanguage_language_idx")]

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"

    @property
    def name(self):
        return capfirst(language_name(self.language))

    @property
    def label(self):
        """The name with the language it is written in (an autonym where CLDR has no name in the reader's)."""
        return language_label(self.language)


class HomeWiki(models.Model):
    """A wiki a participant edits: a project and, for the language projects, its language edition."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="home_wikis"
    )
    project = models.CharField(_("project"), max_length=20, choices=WikimediaProject.CHOICES)
    language = models.CharField(_("language edition"), max_length=12, blank=True)

    class Meta:
        ordering = ["project", "language"]
        verbose_name = _("home wiki")
        verbose_name_plural = _("home wikis")
        constraints = [
            models.UniqueConstraint(fields=["participant", "project", "language"], name="one_home_wiki_per_edition")
        ]

    def __str__(self):
        project = self.get_project_display()
        if not self.language:
            return str(project)
        # Translators: a language edition of a Wikimedia project, e.g. "Swahili Wikipedia".
        return _("%(language)s %(project)s") % {"language": language_name(self.language), "project": project}

    @property
    def code(self):
        """The import/export form: `sw.wikipedia`, or `wikidata`."""
        return f"{self.language}.{self.project}" if self.language else self.project

    @property
    def closed(self):
        """Whether the site matrix marks this wiki closed (read-only; people may have edited it before)."""
        wiki = site_matrix().get(self.project, self.language)
        return bool(wiki and wiki.closed)
