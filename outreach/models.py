"""Announcements to an audience built from filters (the outbox, `mail`, sends them), ambassadors and referrals."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Announcement(models.Model):
    """An email a liaison composes for an audience: subject and body per language (English required).

    Filters combine with AND; the values inside one filter with OR. An empty filter does not narrow.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Plain text. The greeting and the unsubscribe link are added."))
    regions = models.ManyToManyField("participants.Region", verbose_name=_("regions"), blank=True, related_name="+")
    countries = models.ManyToManyField(
        "participants.Country", verbose_name=_("countries"), blank=True, related_name="+"
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("Language codes, e.g. sw, ha, yo.")
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    skills_shared = models.ManyToManyField(
        "skills.Skill", verbose_name=_("shares one of these skills"), blank=True, related_name="+"
    )
    skills_wanted = models.ManyToManyField(
        "skills.Skill", verbose_name=_("wants to learn one of these skills"), blank=True, related_name="+"
    )
    attended_topics = models.ManyToManyField(
        "clinics.Topic", verbose_name=_("attended a clinic on one of these topics"), blank=True, related_name="+"
    )
    registered_since = models.DateField(_("registered since"), null=True, blank=True)
    never_attended = models.BooleanField(_("never attended a clinic"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False), name="announcement_sent_once_approved"
            )
        ]

    def __str__(self):
        return self.subject


def new_invitation_code():
    return secrets.token_urlsafe(9)


class Ambassador(models.Model):
    """A participant who promotes the program in their community, with a personal invitation link."""

    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="ambassador",
    )
    code = models.SlugField(_("invitation code"), max_length=32, unique=True, default=new_invitation_code)
    active = models.BooleanField(_("active"), default=True, help_text=_("An inactive link is no longer credited."))
    created_at = models.DateTimeField(_("ambassador since"), default=timezone.now)

    class Meta:
        ordering = ["participant__display_name"]
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")

    def __str__(self):
        return str(self.participant)

    def get_invitation_url(self):
        return settings.SITE_URL + reverse("outreach:join", kwargs={"code": self.code})


class Referral(models.Model):
    """An account created through an ambassador's invitation link."""

    ambassador = models.ForeignKey(
        Ambassador, verbose_name=_("ambassador"), on_delete=models.CASCADE, related_name="referrals"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="referral"
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self):
        return f"{self.ambassador} → {self.user}"
