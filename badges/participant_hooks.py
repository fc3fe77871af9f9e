"""What badges keep about a participant: shown on their profile and given back in their data download.
Awards go with the account when it is deleted (their assertions then answer 404)."""

from .models import Award


def profile_section(sender, participant, **kwargs):
    awards = list(Award.objects.valid().filter(participant=participant).select_related("badge"))
    return {"template": "badges/profile_section.html", "awards": awards} if awards else None


def awards_export(sender, participant, **kwargs):
    rows = Award.objects.filter(participant=participant).select_related("badge").order_by("awarded_at")
    return "badges", [
        {
            "badge": row.badge.name,
            "awarded_at": row.awarded_at.isoformat(),
            "reason": row.reason,
            "expires_at": row.expires_at.isoformat() if row.expires_at else None,
            "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
            "assertion": str(row.uuid),
        }
        for row in rows
    ]
