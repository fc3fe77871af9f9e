"""Learning Clinics: topics, sessions and attendance (registered participants or not)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """The subject of a clinic; clinics on one topic recur."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class ClinicQuerySet(models.QuerySet):
    def visible(self):
        """Clinics anyone may see: everything but drafts."""
        return self.exclude(status=Clinic.Status.DRAFT)

    def upcoming(self, now=None):
        return self.filter(status=Clinic.Status.SCHEDULED, start__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(start__lt=now or timezone.now()).exclude(status=Clinic.Status.CANCELLED).order_by("-start")


class Clinic(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="clinics")
    language = models.CharField(_("language of the session"), max_length=10, choices=settings.LANGUAGES, default="en")
    start = models.DateTimeField(_("start (UTC)"))
    duration = models.DurationField(_("duration"), default=timedelta(hours=2))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    objects = ClinicQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")
        constraints = [
            models.CheckConstraint(condition=Q(duration__gt=timedelta(0)), name="clinic_ends_after_it_starts"),
        ]
        indexes = [models.Index(fields=["status", "start"], name="clinic_status_start_idx")]

    def __str__(self):
        return self.title

    @property
    def end(self):
        return self.start + self.duration


class Attendance(models.Model):
    """One person present at one clinic: a participant, an unregistered attendee known by name, or an
    anonymous count left behind when a participant deleted their account."""

    clinic = models.ForeignKey(Clinic, verbose_name=_("clinic"), on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendances",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    wikimedia_username = models.CharField(_("Wikimedia username"), max_length=255, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "participant"],
                condition=Q(participant__isnull=False),
                name="one_attendance_per_participant",
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | ~Q(name="") | Q(anonymous=True),
                name="attendee_is_participant_named_or_anonymous",
            ),
        ]

    def __str__(self):
        return str(self.participant or self.name or _("anonymous attendee"))
