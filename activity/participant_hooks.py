"""What the activity app adds to a participant's profile and to their data export."""

from django.utils import timezone

from . import queries
from .models import MonthlyEdits, WikiAccount


def profile_section(sender, participant, **kwargs):
    """Only when the participant chose to show it, and once it was read."""
    account = WikiAccount.objects.filter(
        participant=participant, shown_on_profile=True, state=WikiAccount.State.READ
    ).first()
    if account is None:
        return None
    recent = queries.recent_edits(account=account, today=timezone.now().date())
    return {"template": "activity/profile_section.html", "account": account, "recent": recent}


def activity_export(sender, participant, **kwargs):
    account = WikiAccount.objects.filter(participant=participant).first()
    if account is None:
        return "wiki_activity", None
    months = MonthlyEdits.objects.filter(participant=participant).order_by("month", "project", "language")
    return "wiki_activity", {
        "consented_at": account.consented_at.isoformat(),
        "shown_on_profile": account.shown_on_profile,
        "username": account.username,
        "global_edit_count": account.global_edit_count,
        "read_at": account.read_at.isoformat() if account.read_at else None,
        "monthly_edits": [
            {"wiki": row.code, "month": row.month.strftime("%Y-%m"), "edits": row.edits} for row in months
        ],
    }
