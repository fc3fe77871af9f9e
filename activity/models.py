"""On-wiki activity a participant chose to share: their global account, and their edits as monthly counts per wiki
(never single edits), read from the MediaWiki Action API by `activity.fetch`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from participants.languages import WikimediaProject


class WikiAccountQuerySet(models.QuerySet):
    def due(self, *, read_before):
        """Accounts never read, or last read before `read_before`, the longest waiting first."""
        return self.filter(models.Q(read_at__isnull=True) | models.Q(read_at__lt=read_before)).order_by(
            models.F("read_at").asc(nulls_first=True), "pk"
        )


class WikiAccount(models.Model):
    """A participant's consent to have their public on-wiki activity read, and what was read of their account.

    The row exists only while the consent stands: withdrawing it deletes the row and its monthly counts.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be read")
        READ = "read", _("Read")
        MISSING = "missing", _("No such global account")

    participant = models.OneToOneField(
        "participants.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="wiki_account"
    )
    consented_at = models.DateTimeField(_("consent given"))
    shown_on_profile = models.BooleanField(_("shown on the profile"), default=False)
    username = models.CharField(_("username read"), max_length=85, blank=True)
    # The global (CentralAuth) account id: it survives a rename, the username does not.
    central_id = models.PositiveBigIntegerField(_("global account id"), null=True, blank=True)
    global_edit_count = models.PositiveIntegerField(_("edits on all wikis"), null=True, blank=True)
    global_registration = models.DateTimeField(_("global account created"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WAITING)
    read_at = models.DateTimeField(_("last read"), null=True, blank=True)
    # {"sw.wikipedia": "2026-11-01"}: the counts of each wiki are complete for the months before this day.
    complete_until = models.JSONField(_("months complete"), default=dict, blank=True)
    # Worked out after each read and every night (see activity.summary): the participant's first clinic held,
    # and whether they edited any wiki in the 3 calendar months after its month.
    first_clinic_on = models.DateField(_("first clinic"), null=True, blank=True)
    active_after_first_clinic = models.BooleanField(_("active in the 3 months after it"), null=True, blank=True)

    objects = WikiAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("Wikimedia account read")
        verbose_name_plural = _("Wikimedia accounts read")
        indexes = [models.Index(fields=["read_at"], name="wikiaccount_due_idx")]

    def __str__(self):
        return self.username or str(self.participant)


class MonthlyEdits(models.Model):
    """How many edits one participant made on one wiki in one calendar month (UTC)."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="monthly_edits",
    )
    project = models.CharField(_("project"), max_length=20, choices=WikimediaProject.CHOICES)
    language = models.CharField(_("language edition"), max_length=12, blank=True)
    month = models.DateField(_("month"))  # its first day
    edits = models.PositiveIntegerField(_("edits"))

    class Meta:
        ordering = ["month", "project", "language"]
        verbose_name = _("monthly edits")
        verbose_name_plural = _("monthly edits")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "project", "language", "month"], name="one_count_per_wiki_and_month"
            ),
            models.CheckConstraint(condition=models.Q(month__day=1), name="monthly_edits_month_is_first_day"),
        ]
        indexes = [
            # The impact page's edits per quarter and activity by language, read from the index alone.
            models.Index(
                fields=["month"], include=["participant", "project", "language", "edits"], name="monthlyedits_month_idx"
            )
        ]

    def __str__(self):
        return f"{self.participant} {self.code} {self.month:%Y-%m}: {self.edits}"

    @property
    def code(self):
        return f"{self.language}.{self.project}" if self.language else self.project
