"""What the impact page needs of each account, worked out after each read and every night (attendance recorded
later changes a first clinic): the participant's first clinic held, and whether they edited any wiki in the 3
calendar months after that clinic's month (None while those months are not all read yet)."""

from collections import defaultdict
from datetime import UTC, date

from django.db.models import Min, Q
from django.utils import timezone

from clinics.models import Attendance, Clinic, ClinicSharer

from .models import MonthlyEdits, WikiAccount

MONTHS_AFTER = 3
BATCH = 2000


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _held(prefix):
    now = timezone.now()
    return Q(**{f"{prefix}status": Clinic.Status.HELD, f"{prefix}start__lt": now}) | Q(
        **{f"{prefix}status": Clinic.Status.SCHEDULED, f"{prefix}start__lt": now}
    )


def refresh(*, accounts=None):
    """Work out the first clinic and the activity after it for `accounts` (a WikiAccount queryset; all by
    default). Returns how many changed."""
    accounts = list((accounts if accounts is not None else WikiAccount.objects.all()).order_by("pk"))
    changed = []
    for start in range(0, len(accounts), BATCH):
        batch = accounts[start : start + BATCH]
        ids = [account.participant_id for account in batch]
        firsts = {}
        for model in (Attendance, ClinicSharer):
            rows = (
                model.objects.filter(_held("clinic__"), participant_id__in=ids)
                .order_by()
                .values_list("participant_id")
                .annotate(first=Min("clinic__start"))
            )
            for participant_id, first in rows:
                day = first.astimezone(UTC).date()
                firsts[participant_id] = min(day, firsts.get(participant_id, day))
        active_months = defaultdict(set)
        for participant_id, month in MonthlyEdits.objects.filter(participant_id__in=ids, edits__gt=0).values_list(
            "participant_id", "month"
        ):
            active_months[participant_id].add(month)
        for account in batch:
            first = firsts.get(account.participant_id)
            active = None
            if first is not None:
                after = [add_months(first, months) for months in range(1, MONTHS_AFTER + 1)]
                window_end = add_months(first, MONTHS_AFTER + 1)
                read = bool(account.complete_until) and all(
                    date.fromisoformat(until) >= window_end for until in account.complete_until.values()
                )
                if active_months[account.participant_id] & set(after):
                    active = True
                elif read:
                    active = False
            if (account.first_clinic_on, account.active_after_first_clinic) != (first, active):
                account.first_clinic_on, account.active_after_first_clinic = first, active
                changed.append(account)
    WikiAccount.objects.bulk_update(changed, ["first_clinic_on", "active_after_first_clinic"], batch_size=BATCH)
    return len(changed)
