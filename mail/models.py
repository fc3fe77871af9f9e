"""The outbox: one row per email, from the moment a feature decides to send it until the mail server accepted it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Email(models.Model):
    """One email to one person (or one address), written by a feature in the transaction of its change.

    `key` names the logical message (a reminder of one clinic start for one person, one announcement for one
    person): a second row for the same message cannot exist. The sender claims due rows for a while
    (`lease_until`), builds each message from its kind's composer (registered by the app that owns the kind) and
    marks it as soon as the mail server answers. Account emails are rendered by allauth before they are written:
    their text is kept only until they are sent.
    """

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("Account")
        RSVP = "rsvp", _("RSVP and waitlist")
        CLINIC_CHANGE = "clinic-change", _("Clinic moved or cancelled")
        REMINDER = "reminder", _("Clinic reminder")
        FOLLOW_UP = "follow-up", _("After the clinic")
        MESSAGE = "message", _("Message")
        MENTORSHIP = "mentorship", _("Mentorship")
        BADGE = "badge", _("Badge")
        ANNOUNCEMENT = "announcement", _("Announcement")
        DIGEST = "digest", _("Monthly digest")

    class State(models.TextChoices):
        PENDING = "pending", _("To send")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Emails of one send (an announcement, a month's digest), counted together.
    group = models.CharField(_("group"), max_length=100, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Only for an email to an address that is not (yet) the account's: allauth's, cleared once sent.
    address = models.EmailField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    # What the kind's composer needs: ids and plain values, never a whole object.
    context = models.JSONField(_("context"), default=dict, blank=True)
    # Text rendered before it was written (account emails); cleared once sent.
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    html = models.TextField(blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    due_at = models.DateTimeField(_("send from"), default=timezone.now)
    expires_at = models.DateTimeField(_("send until"), null=True, blank=True)
    lease_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The mail server's answer without the addresses it names (`mail.policy.describe`).
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("due_at")),
                name="email_expires_after_due",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(address=""), name="email_has_a_recipient_or_address"
            ),
        ]
        indexes = [
            # The sender's claim: due rows in order, and leases that ended.
            models.Index(fields=["due_at", "id"], condition=Q(state="pending"), name="email_due_idx"),
            models.Index(fields=["lease_until"], condition=Q(state="sending"), name="email_lease_idx"),
            models.Index(fields=["group", "state"], condition=~Q(group=""), name="email_group_idx"),
            models.Index(fields=["recipient", "-sent_at"], name="email_recipient_sent_idx"),
            models.Index(fields=["kind", "state"], name="email_kind_state_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.key}"

    @property
    def to(self):
        """The address the email goes to now: its own, else the account's current one."""
        if self.address:
            return self.address
        return self.recipient.email if self.recipient_id else ""
