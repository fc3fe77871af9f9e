"""Learning resources: recordings, slides, guides, toolkits, templates and external courses, findable by skill,
kind, language of the material and length; and each participant's saved list."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participants.languages import language_name

from . import uploads


class ResourceQuerySet(models.QuerySet):
    def visible(self):
        """Resources anyone may see: the published ones."""
        return self.filter(published=True)

    def in_languages_first(self, codes):
        """Material in one of `codes` (the reader's languages) before the rest, newest first within each."""
        in_reader_language = Exists(ResourceLanguage.objects.filter(resource=OuterRef("pk"), language__in=codes))
        return self.annotate(in_reader_language=in_reader_language).order_by("-in_reader_language", "-created_at")


class Resource(models.Model):
    """A piece of learning material: a link, or a file stored through Django's storage API."""

    class Kind(models.TextChoices):
        RECORDING = "recording", _("Recording")
        SLIDES = "slides", _("Slides")
        GUIDE = "guide", _("Guide")
        TOOLKIT = "toolkit", _("Toolkit")
        TEMPLATE = "template", pgettext_lazy("resource kind", "Template")
        COURSE = "course", _("External course (such as WikiLearn)")

    class Licence(models.TextChoices):
        CC_BY_SA_4 = "cc-by-sa-4.0", "CC BY-SA 4.0"
        CC_BY_4 = "cc-by-4.0", "CC BY 4.0"
        CC0 = "cc0-1.0", "CC0 1.0"
        OTHER = "other", _("Another licence (see the material)")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(2000)])
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    minutes = models.PositiveIntegerField(
        _("length in minutes"), null=True, blank=True, help_text=_("Minutes to watch or read. Empty: not known.")
    )
    skills = models.ManyToManyField("skills.Skill", verbose_name=_("skills"), blank=True, related_name="resources")
    clinic = models.ForeignKey(
        "clinics.Clinic",
        verbose_name=_("clinic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=uploads.stored_name, blank=True, validators=[uploads.check])
    # Set from the checked content of the file, never from what the browser said.
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True, editable=False)
    licence = models.CharField(_("licence"), max_length=16, choices=Licence.choices, default=Licence.CC_BY_SA_4)
    author = models.CharField(_("author"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources_added",
    )
    # Resources made from a held clinic's recording or materials: "clinic:<id>:recording",
    # "clinic:<id>:slides:<language>", "clinic:<id>:audio:<language>"; empty for the others.
    source_key = models.CharField(_("made from"), max_length=100, blank=True, editable=False)
    published = models.BooleanField(_("published"), default=True, help_text=_("Unpublished: hidden from the site."))
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=(~Q(url="") & Q(file="")) | (Q(url="") & ~Q(file="")),
                name="resource_is_a_link_or_a_file",
                violation_error_message=_("Give either a link or a file (one of the two)."),
            ),
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="one_resource_per_clinic_source"
            ),
        ]
        indexes = [models.Index(fields=["published", "created_at"], name="resource_listing_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:detail", kwargs={"slug": self.slug})

    @property
    def href(self):
        """Where the material is read: its link, or the download of its file."""
        return self.url or reverse("resources:download", kwargs={"slug": self.slug})

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def file_format(self):
        return uploads.FORMAT_NAMES.get(self.content_type, "")


LICENCE_URLS = {
    Resource.Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Resource.Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Resource.Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class ResourceLanguage(models.Model):
    """A language the material itself is in (ISO 639 code, as for the languages participants speak)."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=12)

    class Meta:
        ordering = ["language"]
        verbose_name = _("language of the material")
        verbose_name_plural = _("languages of the material")
        constraints = [models.UniqueConstraint(fields=["resource", "language"], name="one_row_per_resource_language")]
        indexes = [models.Index(fields=["language", "resource"], name="resourcelanguage_filter_idx")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return language_name(self.language)


class SavedResource(models.Model):
    """A resource on a participant's personal list; goes with the account."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="saved_resources",
    )
    resource = models.ForeignKey(Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("saved resource")
        verbose_name_plural = _("saved resources")
        constraints = [models.UniqueConstraint(fields=["participant", "resource"], name="save_a_resource_once")]

    def __str__(self):
        return f"{self.participant} · {self.resource}"
