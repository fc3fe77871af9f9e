"""Reads of a participant's stored activity: what their profile and their settings page show."""

from dataclasses import dataclass

from django.db.models import Sum

from participants.models import HomeWiki

from .models import MonthlyEdits
from .summary import add_months

RECENT_MONTHS = 12


@dataclass(frozen=True)
class WikiEdits:
    wiki: str  # "Swahili Wikipedia", in the reader's language
    edits: int


def recent_edits(*, account, today):
    """Edits per wiki in the 12 calendar months before this one, most first: [WikiEdits]."""
    this_month = today.replace(day=1)
    rows = (
        MonthlyEdits.objects.filter(participant_id=account.participant_id, month__lt=this_month)
        .filter(month__gte=add_months(this_month, -RECENT_MONTHS))
        .order_by()
        .values_list("project", "language")
        .annotate(edits=Sum("edits"))
    )
    result = [
        WikiEdits(wiki=str(HomeWiki(project=project, language=language)), edits=edits)
        for project, language, edits in rows
    ]
    return sorted(result, key=lambda row: (-row.edits, row.wiki))
