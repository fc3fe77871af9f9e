"""Accounts, participant profiles, and the Wikimedia regions that countries belong to."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


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


class ParticipantQuerySet(models.QuerySet):
    def listed(self):
        """Participants who chose to appear in the public directory."""
        return self.filter(listed=True, user__is_active=True)


class Participant(models.Model):
    """A person registered in Let's Connect: the profile attached to an account."""

    class Role(models.TextChoices):
        AFFILIATE_PAID_STAFF = "affiliate_paid_staff", _("Paid staff of an affiliate or user group")
        AFFILIATE_VOLUNTEER_STAFF = "affiliate_volunteer_staff", _("Volunteer staff of an affiliate or user group")
        INDEPENDENT_ORGANISER = "independent_organiser", _("Volunteer organiser mostly outside user groups")
        EXECUTIVE_DIRECTOR = "executive_director", _("Executive director")
        BOARD_MEMBER = "board_member", _("Board member")
        INDIVIDUAL_EDITOR = "individual_editor", _("Individual volunteer editor")

    user = models.OneToOneField(
        "participants.User", verbose_name=_("account"), on_delete=models.CASCADE, related_name="participant"
    )
    display_name = models.CharField(_("display name"), max_length=100)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    listed = models.BooleanField(_("listed in the public directory"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.display_name
