"""The skills taxonomy (categories and skills) and the skills participants share or want to learn."""

import uuid

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .fields import PortableArrayField


class SkillCategory(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self):
        return self.name


class Skill(models.Model):
    category = models.ForeignKey(
        SkillCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="skills"
    )
    # The slug is the skill's stable identity in URLs and exchanges: it never changes once set.
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    wikidata_qid = models.CharField(
        _("Wikidata item"), max_length=20, blank=True, help_text=_("For exchange with the Capacity Exchange, e.g. Q42.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["category__position", "position", "slug"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.name


class ParticipantSkill(models.Model):
    """A skill a participant can share (with a level) or wants to learn."""

    class Kind(models.TextChoices):
        SHARE = "share", pgettext_lazy("skill", "Can share")
        LEARN = "learn", pgettext_lazy("skill", "Wants to learn")

    class Level(models.TextChoices):
        SOME = "some", _("Some experience")
        EXPERIENCED = "experienced", _("Experienced")
        EXPERT = "expert", _("Expert")

    participant = models.ForeignKey(
        "participants.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="skills"
    )
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["skill__category__position", "skill__position"]
        verbose_name = _("participant skill")
        verbose_name_plural = _("participant skills")
        constraints = [
            models.UniqueConstraint(fields=["participant", "skill", "kind"], name="one_share_or_learn_per_skill"),
            models.CheckConstraint(
                condition=(models.Q(kind="share") & ~models.Q(level=""))
                | (models.Q(kind="learn") & models.Q(level="")),
                name="sharers_have_a_level_learners_none",
            ),
        ]
        indexes = [models.Index(fields=["skill", "kind"], name="pskill_skill_kind_idx")]

    def __str__(self):
        return f"{self.participant} · {self.get_kind_display()} · {self.skill}"


class DirectoryEntry(models.Model):
    """A listed participant as the Skills Directory searches them: one narrow row, kept in step by services.

    Everything a search filters or counts is on this row (skills and languages as arrays, each with a GIN
    index), so that a search reads one small table instead of joining five big ones. Only listed participants
    with an active account have a row. Filled and searched on PostgreSQL only; see `skills.directory_index`.
    """

    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="directory_entry",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    role = models.CharField(_("role"), max_length=32, blank=True)
    search_name = models.TextField(blank=True)
    search_about = models.TextField(blank=True)
    last_seen = models.DateTimeField(_("last seen"))
    languages = PortableArrayField(models.CharField(max_length=12), default=list, blank=True)
    shares = PortableArrayField(models.IntegerField(), default=list, blank=True)
    learns = PortableArrayField(models.IntegerField(), default=list, blank=True)
    # Shared or wanted: the skills "either way" searches look for.
    skills = PortableArrayField(models.IntegerField(), default=list, blank=True)
    # Only when the participant shows their affiliation.
    affiliates = PortableArrayField(models.IntegerField(), default=list, blank=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        indexes = [models.Index(fields=["country"], name="directoryentry_country_idx")]

    def __str__(self):
        return str(self.participant_id)


class Message(models.Model):
    """A message from one participant to another, delivered by email without showing the recipient's address."""

    sender = models.ForeignKey(
        "participants.Participant", verbose_name=_("sender"), on_delete=models.CASCADE, related_name="sent_messages"
    )
    recipient = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="received_messages",
    )
    body = models.TextField(_("message"), validators=[MaxLengthValidator(2000)])
    reply_to_sender = models.BooleanField(_("the recipient may reply to the sender's email address"), default=False)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(condition=~models.Q(sender=models.F("recipient")), name="no_message_to_oneself")
        ]
        indexes = [models.Index(fields=["sender", "created_at"], name="message_rate_limit_idx")]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"


class MentorshipQuerySet(models.QuerySet):
    def involving(self, participant):
        """The mentorships `participant` is part of, as mentor or mentee: nobody else sees them."""
        return self.filter(models.Q(mentor=participant) | models.Q(mentee=participant))

    def active(self):
        return self.filter(status=Mentorship.Status.ACCEPTED)


class Mentorship(models.Model):
    """A one-to-one learning connection on one skill: requested, then accepted or declined, then ended."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Active")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    mentee = models.ForeignKey(
        "participants.Participant", verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="mentorships_asked"
    )
    mentor = models.ForeignKey(
        "participants.Participant", verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="mentorships_given"
    )
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="mentorships")
    message = models.TextField(_("message"), validators=[MaxLengthValidator(2000)])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    feedback = models.TextField(_("feedback"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.CheckConstraint(condition=~models.Q(mentor=models.F("mentee")), name="no_mentoring_oneself"),
            models.UniqueConstraint(
                fields=["mentee", "mentor", "skill"],
                condition=models.Q(status__in=["requested", "accepted"]),
                name="one_open_mentorship_per_pair_and_skill",
            ),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee} · {self.skill}"

    def get_absolute_url(self):
        return reverse("skills:mentorship", kwargs={"pk": self.pk})

    def other(self, participant):
        return self.mentee if participant == self.mentor else self.mentor
