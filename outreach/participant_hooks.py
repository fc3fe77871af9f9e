"""What outreach adds to a participant's life: referral credit at sign-up, the ambassador's section, the export."""

from django.db.models import Count

from mail.models import Email

from .models import Ambassador, Announcement, Referral
from .services import credit_ambassador as credit
from .views import INVITATION_SESSION_KEY


def credit_ambassador(sender, request, user, **kwargs):
    """allauth's `user_signed_up`: an account created after following an invitation link is credited."""
    code = request.session.pop(INVITATION_SESSION_KEY, None) if request is not None else None
    if code:
        credit(user=user, code=code)


def ambassador_section(sender, participant, **kwargs):
    """On an ambassador's own profile: their invitation link and how many registered through it."""
    viewer = kwargs.get("viewer")
    if viewer is not None and viewer.pk != participant.user_id:
        return None  # shown to the owner only: nothing to read for anyone else
    ambassador = (
        Ambassador.objects.filter(participant=participant, active=True)
        .annotate(referral_total=Count("referrals"))
        .first()
    )
    if ambassador is None:
        return None
    return {
        "template": "outreach/_ambassador_section.html",
        "invitation_url": ambassador.get_invitation_url(),
        "referrals": ambassador.referral_total,
    }


def outreach_export(sender, participant, **kwargs):
    ambassador = Ambassador.objects.filter(participant=participant).first()
    referral = Referral.objects.filter(user=participant.user).select_related("ambassador__participant").first()
    received = Email.objects.filter(
        recipient_id=participant.user_id,
        kind__in=[Email.Kind.ANNOUNCEMENT, Email.Kind.DIGEST],
        state=Email.State.SENT,
    ).order_by("sent_at")
    subjects = dict(
        Announcement.objects.filter(
            pk__in=[row.context["announcement"] for row in received if "announcement" in row.context]
        ).values_list("pk", "subject")
    )
    return "outreach", {
        "ambassador_code": ambassador.code if ambassador else None,
        "registrations_through_my_link": ambassador.referrals.count() if ambassador else 0,
        "invited_by": referral.ambassador.participant.display_name if referral else None,
        "emails_received": [
            {
                "announcement": subjects.get(row.context.get("announcement")),
                "digest_month": row.context.get("month"),
                "sent_at": row.sent_at.isoformat(),
            }
            for row in received
        ],
    }
