"""The API's own tables: personal access tokens, and what the Capacity Exchange (CapX) sent when it enrolled people."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_digest(secret):
    """How a token is kept: its SHA-256. A token is 256 random bits, so a fast hash is as safe as a slow one."""
    return hashlib.sha256(secret.encode()).hexdigest()


class AccessToken(models.Model):
    """A personal access token: acts through the API as its owner, for reading their data and RSVPs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters, shown so that people recognise their tokens; the rest is never stored.
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class CapxNonce(models.Model):
    """A nonce of a signed CapX enrolment: each is accepted once, ever."""

    nonce = models.UUIDField(primary_key=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("CapX nonce")
        verbose_name_plural = _("CapX nonces")

    def __str__(self):
        return str(self.nonce)


class CapxEnrolment(models.Model):
    """A participant enrolled from CapX, with the answers that matched none of our options, for the liaisons.

    Gender and age are never kept here: they went, when they were known answers, onto the (private) profile."""

    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="capx_enrolment",
    )
    role_text = models.CharField(_("role, as written in CapX"), max_length=300, blank=True)
    area_text = models.CharField(_("areas of work, as written in CapX"), max_length=300, blank=True)
    first_enrolled_at = models.DateTimeField(_("first enrolled"), default=timezone.now)
    last_enrolled_at = models.DateTimeField(_("last enrolled"), default=timezone.now)
    times = models.PositiveIntegerField(_("enrolments"), default=1)

    class Meta:
        ordering = ["-last_enrolled_at"]
        verbose_name = _("CapX enrolment")
        verbose_name_plural = _("CapX enrolments")

    def __str__(self):
        return str(self.participant)


class CapxEnrolmentLog(models.Model):
    """One request to the CapX enrolment endpoint and what became of it; nothing in it names the person."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("New participant created")
        UPDATED = "updated", _("Existing participant enrolled")
        NOT_CONFIGURED = "not-configured", _("Refused: no CapX key configured")
        BAD_BODY = "bad-body", _("Refused: not a JSON body with a token")
        BAD_TOKEN = "bad-token", _("Refused: malformed token")
        BAD_SIGNATURE = "bad-signature", _("Refused: signature or algorithm not accepted")
        BAD_CLAIMS = "bad-claims", _("Refused: missing or invalid claims")
        STALE = "stale", _("Refused: timestamp outside the window")
        REPLAYED = "replayed", _("Refused: nonce already used")

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    # Which check failed or how the person was found (e.g. "matched by verified email"); never a value sent.
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    confirmation = models.CharField(_("confirmation"), max_length=64, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("CapX enrolment log entry")
        verbose_name_plural = _("CapX enrolment log")

    def __str__(self):
        return f"{self.received_at:%Y-%m-%d %H:%M} · {self.get_outcome_display()}"
