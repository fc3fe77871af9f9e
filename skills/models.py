"""The skills taxonomy: categories (organisational, programmatic, on-wiki) and their skills."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
