"""The impact page's summaries: small tables derived from the other apps' data, so that the figures at any date
are sums over hundreds or thousands of rows rather than distinct counts over a million (see impact.summaries).

They are the only tables the impact app owns, and nothing but `impact.summaries.rebuild` writes them. Which of
them are out of date is told by `SummaryChange`: PostgreSQL triggers on the tables they are read from note every
transaction that writes there (impact/migrations/0001_summaries.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SummaryState(models.Model):
    """One row, once the summaries were first built (before that, the figures are read directly)."""

    built_at = models.DateTimeField(_("built"))

    class Meta:
        verbose_name = _("impact summary state")
        verbose_name_plural = _("impact summary states")

    def __str__(self):
        return f"{self.built_at:%Y-%m-%d %H:%M:%S}"


class SummaryChange(models.Model):
    """A transaction that wrote to a table the summaries are built from (noted by a trigger, one row per
    transaction and table): the summaries of that table are stale until the next rebuild deletes the row."""

    transaction = models.BigIntegerField(_("transaction"))
    table = models.CharField(_("table"), max_length=63)

    class Meta:
        verbose_name = _("impact summary change")
        verbose_name_plural = _("impact summary changes")
        constraints = [
            models.UniqueConstraint(fields=["transaction", "table"], name="one_change_per_transaction_and_table")
        ]

    def __str__(self):
        return f"{self.table} {self.transaction}"


class RegistrationDay(models.Model):
    """Participants registered on a day (UTC) with a country: how many, how many of them edit a language
    Wikipedia (a home wiki), and how many belong to an affiliate. The same again per month (`whole_month`, `day`
    its first): a period reads whole months, and days only at its ends."""

    whole_month = models.BooleanField(_("whole month"))
    day = models.DateField(_("day"))
    country = models.CharField(_("country"), max_length=2, null=True)  # noqa: DJ001 -- NULL: none given, as in the data
    people = models.PositiveIntegerField(_("people"))
    editors = models.PositiveIntegerField(_("Wikipedia editors"))
    with_affiliates = models.PositiveIntegerField(_("with an affiliate"))

    class Meta:
        verbose_name = _("registrations of a day")
        verbose_name_plural = _("registrations of a day")
        indexes = [
            models.Index(
                fields=["whole_month", "day"],
                include=["country", "people", "editors", "with_affiliates"],
                name="registrationday_day_idx",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.country}: {self.people}"


class HomeWikiDay(models.Model):
    """Participants registered on a day (UTC) who edit a language Wikipedia, per language; the same per month."""

    whole_month = models.BooleanField(_("whole month"))
    day = models.DateField(_("day"))
    language = models.CharField(_("language edition"), max_length=12)
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("home Wikipedias of a day")
        verbose_name_plural = _("home Wikipedias of a day")
        indexes = [
            models.Index(fields=["whole_month", "day"], include=["language", "people"], name="homewikiday_day_idx")
        ]

    def __str__(self):
        return f"{self.day} {self.language}: {self.people}"


class AffiliateDay(models.Model):
    """Affiliates that had a participant register on a day (UTC), by the day one of theirs registered before
    (None: none before). Those with a registration in a period are those with a row in it whose previous day
    is before it."""

    day = models.DateField(_("day"))
    previous_day = models.DateField(_("previous day"), null=True)
    affiliates = models.PositiveIntegerField(_("affiliates"))

    class Meta:
        verbose_name = _("affiliates of a day")
        verbose_name_plural = _("affiliates of a day")
        indexes = [models.Index(fields=["day"], include=["previous_day", "affiliates"], name="affiliateday_day_idx")]

    def __str__(self):
        return f"{self.day}: {self.affiliates}"


class UnregisteredFirstDay(models.Model):
    """Unregistered attendees by the first day (UTC) they attended a clinic in a period, and the country counted
    for them (the last alphabetically of those they gave in the period).

    An attendee has a row for each day they attended: it is their first in the periods that start after their
    previous day (`previous_day`, None for their very first) and on or before this one. Their country then
    depends only on the "as of" day: it is `country` for the days from `counted_from` to before `counted_until`.
    """

    # True: the sum of the rows of the people whose very first day was counted from a day of the quarter
    # beginning on `counted_from`, and whose country never changed (`first_day` is then `counted_from`).
    whole_quarter = models.BooleanField(_("whole quarter"))
    first_day = models.DateField(_("first day"))
    quarter = models.DateField(_("quarter"))  # the first day of first_day's quarter
    previous_day = models.DateField(_("previous day"), null=True)
    counted_from = models.DateField(_("counted from"))
    counted_until = models.DateField(_("counted until"), null=True)
    country = models.CharField(_("country"), max_length=2, null=True)  # noqa: DJ001 -- NULL: none given, as in the data
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("unregistered attendees of a day")
        verbose_name_plural = _("unregistered attendees of a day")
        indexes = [
            # The figures from the beginning (no start date): the attendees' very first days only.
            models.Index(
                fields=["whole_quarter", "counted_until", "counted_from"],
                include=["quarter", "country", "people"],
                condition=models.Q(previous_day__isnull=True),
                name="unregistered_first_idx",
            ),
            models.Index(
                fields=["first_day"],
                include=["previous_day", "counted_from", "counted_until", "quarter", "country", "people"],
                name="unregistered_day_idx",
            ),
        ]

    def __str__(self):
        return f"{self.first_day} {self.country}: {self.people}"


class RetentionChange(models.Model):
    """How the retention figures change on a day: the participants registered more than 2 years before it
    (`cohort`) and those of them active in the 3 months before it (`active`) are the sums of these changes up
    to that day."""

    day = models.DateField(_("day"), unique=True)
    cohort = models.IntegerField(_("cohort change"))
    active = models.IntegerField(_("active change"))

    class Meta:
        verbose_name = _("retention change")
        verbose_name_plural = _("retention changes")

    def __str__(self):
        return f"{self.day}: {self.cohort:+} {self.active:+}"


class ActivityMonth(models.Model):
    """Participants who edited in a month, by the previous month of the same quarter they edited in (None:
    none before), and their edits. Those who edited in a quarter's months of a period are those with a row in
    it whose previous month is before it."""

    month = models.DateField(_("month"))
    previous_month = models.DateField(_("previous month"), null=True)
    editors = models.PositiveIntegerField(_("editors"))
    edits = models.PositiveBigIntegerField(_("edits"))

    class Meta:
        verbose_name = _("on-wiki activity of a month")
        verbose_name_plural = _("on-wiki activity of a month")

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.editors}"


class ActivityWikipediaMonth(models.Model):
    """Participants who edited a language Wikipedia in a month, by the previous month they edited it in."""

    language = models.CharField(_("language edition"), max_length=12)
    month = models.DateField(_("month"))
    previous_month = models.DateField(_("previous month"), null=True)
    editors = models.PositiveIntegerField(_("editors"))

    class Meta:
        verbose_name = _("on-wiki activity of a Wikipedia and month")
        verbose_name_plural = _("on-wiki activity of a Wikipedia and month")
        indexes = [
            models.Index(
                fields=["month"],
                include=["language", "editors"],
                condition=models.Q(previous_month__isnull=True),
                name="activitywikipedia_first_idx",
            ),
            models.Index(
                fields=["month"], include=["previous_month", "language", "editors"], name="activitywikipedia_month_idx"
            ),
        ]

    def __str__(self):
        return f"{self.language} {self.month:%Y-%m}: {self.editors}"


class ActivityAccounts(models.Model):
    """Accounts that share their on-wiki activity, by whether they were read, their first clinic and whether
    they were active after it (activity.summary)."""

    read = models.BooleanField(_("read"))
    first_clinic_on = models.DateField(_("first clinic"), null=True)
    active_after_first_clinic = models.BooleanField(_("active in the 3 months after it"), null=True)
    accounts = models.PositiveIntegerField(_("accounts"))

    class Meta:
        verbose_name = _("accounts sharing their activity")
        verbose_name_plural = _("accounts sharing their activity")

    def __str__(self):
        return f"{self.first_clinic_on}: {self.accounts}"


class ShareDay(models.Model):
    """Appearances of sharers at the clinics held on a day (UTC), by the clinic's language and the sharer's
    country (queries._shares says which)."""

    day = models.DateField(_("day"))
    counted_from = models.DateField(_("counted from"))
    language = models.CharField(_("language"), max_length=10)
    country = models.CharField(_("country"), max_length=2, null=True)  # noqa: DJ001 -- NULL: not known
    appearances = models.PositiveIntegerField(_("appearances"))

    class Meta:
        verbose_name = _("shares of a day")
        verbose_name_plural = _("shares of a day")

    def __str__(self):
        return f"{self.day} {self.language} {self.country}: {self.appearances}"


class SharerDay(models.Model):
    """Participants who shared at a clinic held on a day (UTC), by gender and the previous day they shared."""

    day = models.DateField(_("day"))
    counted_from = models.DateField(_("counted from"))
    previous_day = models.DateField(_("previous day"), null=True)
    gender = models.CharField(_("gender"), max_length=16, blank=True)
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("sharers of a day")
        verbose_name_plural = _("sharers of a day")

    def __str__(self):
        return f"{self.day} {self.gender}: {self.people}"
