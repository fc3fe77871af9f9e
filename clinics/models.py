"""Learning Clinics: topics, sessions and attendance (registered participants or not)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Lower, NullIf, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import scheduling


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


def unique_clinic_slug(title, start):
    base = f"{slugify(title)[:200] or 'clinic'}-{start:%Y-%m-%d}"
    slug, number = base, 2
    while Clinic.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class Clinic(models.Model):
    """One session: a Learning Clinic, a workshop at a regional conference, a local clinic or a Connectathon."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Kind(models.TextChoices):
        CLINIC = "clinic", _("Learning Clinic")
        WORKSHOP = "workshop", _("Workshop at a regional conference")
        LOCAL = "local", _("Local clinic")
        CONNECTATHON = "connectathon", _("Connectathon")

    class Scope(models.TextChoices):
        OPEN = "open", _("Open to all")
        REGIONAL = "regional", _("Regional")
        CROSS_REGIONAL = "cross-regional", _("Cross-regional")

    title = models.CharField(_("title"), max_length=200, validators=[scheduling.validate_single_line])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="clinics")
    purpose = models.TextField(_("what is this session for?"), blank=True)
    audience = models.TextField(_("who is this session for?"), blank=True)
    skills = models.ManyToManyField("skills.Skill", verbose_name=_("skills"), blank=True, related_name="clinics")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CLINIC)
    conference_name = models.CharField(_("conference"), max_length=200, blank=True)
    conference_place = models.CharField(_("place"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.OPEN)
    region = models.ForeignKey(
        "participants.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clinics",
    )
    language = models.CharField(_("language of the session"), max_length=10, choices=settings.LANGUAGES, default="en")
    interpretation_languages = models.JSONField(_("interpretation offered into"), default=list, blank=True)
    start = models.DateTimeField(_("start (UTC)"), validators=[scheduling.validate_year])
    # The start before the last move, while the clinic is still scheduled: its page says it has a new time.
    previous_start = models.DateTimeField(_("start before it was moved"), null=True, blank=True, editable=False)
    duration = models.DurationField(
        _("duration"), default=timedelta(hours=2), validators=[scheduling.validate_duration]
    )
    planned_time_zone = models.CharField(
        _("time zone it was planned in"), max_length=64, default="UTC", validators=[scheduling.validate_time_zone]
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    meeting_url = models.URLField(_("meeting link"), blank=True)
    recording_url = models.URLField(_("recording"), blank=True)
    notes_url = models.URLField(_("shared notes"), blank=True)
    feedback_url = models.URLField(
        _("external feedback form"), blank=True, help_text=_("Empty: participants give feedback on this site.")
    )
    liaisons = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("liaisons"), blank=True, related_name="clinics_organised"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Bumped whenever the time, title or status changes, so calendars replace their copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_clinic_slug(self.title, self.start)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clinics:detail", kwargs={"slug": self.slug})

    @property
    def end(self):
        return self.start + self.duration

    @property
    def is_open_for_registration(self):
        return self.status == self.Status.SCHEDULED and self.start > timezone.now()


class ClinicMaterial(models.Model):
    """After the session: the audio of one interpreted language, or the slides in one language."""

    class Kind(models.TextChoices):
        AUDIO = "audio", _("Audio of the interpretation")
        SLIDES = "slides", _("Slides")

    clinic = models.ForeignKey(Clinic, verbose_name=_("clinic"), on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    url = models.URLField(_("link"))

    class Meta:
        ordering = ["kind", "language"]
        verbose_name = _("recording or slides")
        verbose_name_plural = _("recordings and slides")
        constraints = [
            models.UniqueConstraint(fields=["clinic", "kind", "language"], name="one_material_per_kind_and_language")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"


class ClinicSharer(models.Model):
    """Someone who shares their skills at a clinic: a participant, or a guest without a profile."""

    clinic = models.ForeignKey(Clinic, verbose_name=_("clinic"), on_delete=models.CASCADE, related_name="sharers")
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clinics_shared",
    )
    name = models.CharField(_("guest's name"), max_length=200, blank=True)
    # Private: used to match a guest who later registers, never shown.
    email = models.EmailField(_("guest's email"), blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    foundation_staff = models.BooleanField(_("Wikimedia Foundation staff"), default=False)
    department = models.CharField(_("department"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # Left behind when a participant who shared deletes their account: the appearance still counts.
    anonymous = models.BooleanField(_("anonymous"), default=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("sharer")
        verbose_name_plural = _("sharers")
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "participant"],
                condition=Q(participant__isnull=False),
                name="one_share_per_participant_and_clinic",
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | ~Q(name="") | Q(anonymous=True),
                name="sharer_is_participant_named_guest_or_anonymous",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.participant_id:
            return self.participant.display_name
        return self.name or gettext("former participant")


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.REGISTERED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")


class Registration(models.Model):
    """A participant's RSVP to a clinic: registered, on the waitlist (in order), or cancelled."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    clinic = models.ForeignKey(Clinic, verbose_name=_("clinic"), on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    interpretation_language = models.CharField(
        _("interpretation needed into"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["clinic", "participant"], name="one_registration_per_participant")
        ]
        indexes = [models.Index(fields=["clinic", "status", "created_at"], name="registration_waitlist_idx")]

    def __str__(self):
        return f"{self.participant} · {self.clinic}"


class CalendarFeed(models.Model):
    """A participant's private calendar subscription: the clinics they registered for, behind a secret token."""

    participant = models.OneToOneField(
        "participants.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="calendar"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.participant)


def normalised(field):
    """A text column trimmed and lower-cased, NULL when blank: how people are told apart in counts."""
    return NullIf(Lower(Trim(field)), Value(""))


class Attendance(models.Model):
    """One person present at one clinic: a participant, an unregistered attendee known by name, or an
    anonymous count left behind when a participant deleted their account."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner")
        SHARER = "sharer", _("Sharer")

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
    country = models.ForeignKey(
        "participants.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.LEARNER)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes present"), null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    # Who an unregistered attendee is, for counting distinct people: their email, else their Wikimedia username,
    # else their name, trimmed and lower-cased (kept by the database, indexed for the impact figures).
    person_key = models.GeneratedField(
        expression=Coalesce(normalised("email"), normalised("wikimedia_username"), normalised("name")),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        indexes = [
            # The impact page's distinct unregistered attendees, read from the index alone.
            models.Index(
                fields=["clinic"],
                include=["person_key", "country", "id"],
                condition=Q(participant__isnull=True, anonymous=False),
                name="attendance_unregistered_idx",
            )
        ]
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


class Feedback(models.Model):
    """What one participant thought of one clinic; kept, without the person, if they delete their account."""

    clinic = models.ForeignKey(Clinic, verbose_name=_("clinic"), on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clinic_feedback",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    learned = models.TextField(_("what did you learn?"), blank=True, validators=[MaxLengthValidator(2000)])
    will_apply = models.TextField(_("what will you apply?"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "participant"],
                condition=Q(participant__isnull=False),
                name="one_feedback_per_participant_and_clinic",
            ),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.clinic} · {self.rating}/5"
