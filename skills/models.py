"""The skills taxonomy (categories and skills) and the skills participants share or want to learn."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
