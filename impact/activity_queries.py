"""The reads behind the impact page's on-wiki activity: only of participants who share it (their monthly counts
exist only while they consent), by whole calendar months: a month counts when it begins in the period."""

from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncQuarter

from activity.models import MonthlyEdits, WikiAccount

from .queries import _quarter, months_before

MONTHS_AFTER_FIRST_CLINIC = 3


def read_activity_rows(*, period):
    months = Q(month__lte=period.as_of)
    if period.start:
        months &= Q(month__gte=period.start)
    accounts = _accounts(period)
    return {
        "sharing": accounts.pop("sharing"),
        "quarters": _quarters(months),
        "wikipedias": _wikipedias(months),
        "after_first_clinic": accounts,
    }


def _quarters(months):
    """(year, quarter, edits, people who edited) of each quarter with edits, on any wiki."""
    rows = (
        MonthlyEdits.objects.filter(months)
        .order_by()
        .values_list(TruncQuarter("month"))
        .annotate(edits=Sum("edits"), editors=Count("participant", distinct=True))
    )
    return [(*_quarter(quarter), edits, editors) for quarter, edits, editors in rows]


def _wikipedias(months):
    """(language, people who edited it) of each language Wikipedia edited."""
    rows = (
        MonthlyEdits.objects.filter(months, project="wikipedia")
        .exclude(language="")
        .order_by()
        .values_list("language")
        .annotate(editors=Count("participant", distinct=True))
    )
    return [tuple(row) for row in rows]


def _accounts(period):
    """Participants whose activity was read; of them, those whose first clinic was in the period and whose 3
    calendar months after its month ended by the "as of" day (and were read), and those who edited in them."""
    next_day = period.as_of.toordinal() + 1
    first_month_not_ended = date.fromordinal(next_day).replace(day=1)
    cutoff = months_before(first_month_not_ended, MONTHS_AFTER_FIRST_CLINIC)
    cohort = Q(first_clinic_on__lt=cutoff, active_after_first_clinic__isnull=False)
    if period.start:
        cohort &= Q(first_clinic_on__gte=period.start)
    return WikiAccount.objects.aggregate(
        sharing=Count("pk", filter=Q(state=WikiAccount.State.READ)),
        cohort=Count("pk", filter=cohort),
        active=Count("pk", filter=cohort & Q(active_after_first_clinic=True)),
    )
