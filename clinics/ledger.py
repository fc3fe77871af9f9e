"""The reminder ledger: one row per email a person is owed about a clinic, so that none is sent twice or lost."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """One email owed to one participant about one clinic: before it (24 h, 1 h) or after it (feedback, recording).

    Rows are written by the sweep (`clinics.reminders`) when an email falls due, claimed by one sender at a
    time, and marked sent right after the SMTP server accepted the message.
    """

    class Kind(models.TextChoices):
        DAY_BEFORE = "24h", _("24 hours before")
        HOUR_BEFORE = "1h", _("1 hour before")
        FEEDBACK = "feedback", _("Asking for feedback")
        RECORDING = "recording", _("Recording and materials")

    class State(models.TextChoices):
        PENDING = "pending", _("To send")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("No longer due")
        FAILED = "failed", _("Failed")

    BEFORE_KINDS = (Kind.DAY_BEFORE, Kind.HOUR_BEFORE)
    AFTER_KINDS = (Kind.FEEDBACK, Kind.RECORDING)

    clinic = models.ForeignKey("clinics.Clinic", verbose_name=_("clinic"), on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        "participants.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The start the email announces: when the clinic moves, the new start is owed a reminder of its own.
    clinic_start = models.DateTimeField(_("clinic start it is for"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    due_at = models.DateTimeField(_("send from"))
    expires_at = models.DateTimeField(_("send until"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Set by the sender that claimed the row; a claim older than the sweep's timeout was lost with its worker.
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "participant", "kind", "clinic_start"],
                condition=Q(kind__in=["24h", "1h"]),
                name="one_reminder_per_person_and_start",
            ),
            models.UniqueConstraint(
                fields=["clinic", "participant", "kind"],
                condition=Q(kind__in=["feedback", "recording"]),
                name="one_after_clinic_email_per_person",
            ),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("due_at")), name="reminder_expires_after_due"),
        ]
        indexes = [
            models.Index(
                fields=["expires_at"], condition=Q(state__in=["pending", "sending"]), name="reminder_to_send_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.participant_id} · {self.clinic_id}"
