"""Badges (Open Badges 2.0 classes and assertions) and certificates that anyone can verify."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BadgeClassQuerySet(models.QuerySet):
    def automatic(self):
        return self.filter(active=True).exclude(rule=BadgeClass.Rule.MANUAL)


class BadgeClass(models.Model):
    """A badge people can earn: its texts (translated), its image, and the rule that awards it, kept as data."""

    class Rule(models.TextChoices):
        CLINICS_ATTENDED = "clinics-attended", _("attended at least N clinics")
        CLINICS_SHARED = "clinics-shared", _("shared at least N clinics")
        SHARING_LANGUAGES = "sharing-languages", _("shared clinics in at least N languages")
        MENTORSHIPS = "mentorships", _("completed at least N mentorships as mentor")
        PROFILE_COMPLETE = "profile-complete", _("completed their profile")
        MANUAL = "manual", _("awarded by liaisons only")

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Part of the badge's public address: never change it."))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"))
    criteria = models.TextField(_("criteria"), help_text=_("What a person did to earn it, in a sentence or two."))
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices, default=Rule.MANUAL)
    threshold = models.PositiveSmallIntegerField(_("N"), default=1)
    colour = models.CharField(_("colour"), max_length=7, default="#3366cc", help_text=_("As #rrggbb."))
    symbol = models.CharField(_("symbol"), max_length=3, blank=True, help_text=_("Up to 3 characters drawn on it."))
    image = models.TextField(
        _("image (SVG)"), blank=True, help_text=_("Empty: a round badge is drawn from the colour and the symbol.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("awarded automatically"), default=True)
    valid_for_days = models.PositiveIntegerField(
        _("valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: awards of this badge never expire. Applies to awards given from now on."),
    )

    objects = BadgeClassQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("badges:badge", kwargs={"slug": self.slug})


def new_salt():
    return secrets.token_hex(16)


def hashed_identity(email, salt):
    """Open Badges' hashed recipient: sha256 of the lower-cased email followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


class AwardQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Award(models.Model):
    """One badge given to one person (an Open Badges assertion): automatically, or by a liaison with a reason."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge = models.ForeignKey(BadgeClass, verbose_name=_("badge"), on_delete=models.PROTECT, related_name="awards")
    participant = models.ForeignKey(
        "participants.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="awards"
    )
    # The recipient as Open Badges publishes it: the email at award time, hashed with a salt of its own.
    recipient_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    recipient_identity = models.CharField(max_length=80, editable=False)
    awarded_at = models.DateTimeField(_("awarded"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    # Its bit in the published revocation list (Open Badges 3.0 `credentialStatus`), drawn at random.
    status_index = models.PositiveIntegerField(unique=True, null=True, editable=False)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("awarded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_at"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["badge", "participant"],
                name="one_award_per_person_and_badge",
                violation_error_message=_("This person already holds this badge."),
            )
        ]

    def __str__(self):
        return f"{self.badge} · {self.participant}"

    def get_absolute_url(self):
        return reverse("badges:award", kwargs={"uuid": self.uuid})

    @property
    def revoked(self):
        return self.revoked_at is not None

    @property
    def expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()


class Certificate(models.Model):
    """A PDF certificate of participation (learner) or contribution (sharer), with what it certified frozen at
    issue, so that its public verification page shows exactly what the paper says."""

    class Kind(models.TextChoices):
        PARTICIPATION = "participation", _("certificate of participation")
        CONTRIBUTION = "contribution", _("certificate of contribution")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    holder_name = models.CharField(_("name on the certificate"), max_length=200)
    # [{"title": ..., "topic": ..., "start": ISO 8601}, ...] in the certificate's language.
    clinics = models.JSONField(_("clinics"), default=list)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)
    # The holder as the Open Badges 3.0 credential names them (the email at issue, hashed with its own salt),
    # and the certificate's bit in the published revocation list.
    recipient_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    recipient_identity = models.CharField(max_length=80, blank=True, editable=False)
    status_index = models.PositiveIntegerField(unique=True, null=True, editable=False)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.holder_name}"

    def get_absolute_url(self):
        return reverse("badges:certificate", kwargs={"uuid": self.uuid})
