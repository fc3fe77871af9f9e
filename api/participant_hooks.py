"""What the API app adds to a participant's settings page and data download."""

from .forms import TokenForm
from .models import AccessToken, CapxEnrolment


def tokens_section(sender, participant, user, **kwargs):
    return {
        "template": "api/tokens_section.html",
        "tokens": list(AccessToken.objects.filter(user=user)),
        "form": TokenForm(),
    }


def tokens_export(sender, participant, **kwargs):
    rows = AccessToken.objects.filter(user=participant.user).order_by("created_at")
    return "api_tokens", [
        {
            "name": row.name,
            "starts_with": row.prefix,
            "created_at": row.created_at.isoformat(),
            "last_used_at": row.last_used_at.isoformat() if row.last_used_at else None,
        }
        for row in rows
    ]


def capx_export(sender, participant, **kwargs):
    enrolment = CapxEnrolment.objects.filter(participant=participant).first()
    if enrolment is None:
        return "capx_enrolment", None
    return "capx_enrolment", {
        "first_enrolled_at": enrolment.first_enrolled_at.isoformat(),
        "last_enrolled_at": enrolment.last_enrolled_at.isoformat(),
        "role_text": enrolment.role_text,
        "area_text": enrolment.area_text,
    }
