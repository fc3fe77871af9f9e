"""Operations of the outreach app: approving and sending announcements, the digest, unsubscribing, referrals."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mail.models import Email
from participants.models import Participant

from . import emails, queries
from .models import Ambassador, Announcement, Referral


@transaction.atomic
def approve_announcement(*, announcement_id, user):
    """Put one row per recipient in the outbox, which sends them; an announcement is approved only once.

    Returns how many people it goes to.
    """
    announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
    if announcement.status != Announcement.Status.DRAFT:
        raise ValidationError(_("This announcement has already been sent."), code="already_sent")
    recipients = list(queries.audience(announcement).values_list("pk", "user_id", "email_language"))
    if not recipients:
        raise ValidationError(_("Nobody is in this audience."), code="empty_audience")
    # The outbox's unique key (announcement, participant) is the last guard against a second copy.
    emails.write_announcement(announcement, recipients)
    announcement.status = Announcement.Status.SENDING
    announcement.approved_by = user
    announcement.approved_at = timezone.now()
    announcement.save(update_fields=["status", "approved_by", "approved_at"])
    return len(recipients)


def finish_announcements(sender, groups, **kwargs):
    """`mail.signals.batch_sent`: an announcement whose outbox rows are all sent, failed or skipped is sent."""
    for group in groups:
        if not group.startswith("announcement:"):
            continue
        if Email.objects.filter(group=group, state__in=[Email.State.PENDING, Email.State.SENDING]).exists():
            continue
        Announcement.objects.filter(pk=int(group.split(":")[1]), status=Announcement.Status.SENDING).update(
            status=Announcement.Status.SENT, finished_at=timezone.now()
        )


def digest_month(today=None):
    """The month a digest sent `today` belongs to (its first day)."""
    today = today or timezone.now().date()
    return today.replace(day=1)


def plan_digest(*, month):
    """One outbox row per person who wants this month's digest; running it again adds nobody twice."""
    recipients = (
        queries.reachable_participants()
        .filter(announcements_enabled=True, digest_enabled=True)
        .values_list("pk", "user_id", "email_language")
    )
    return emails.write_digest(month, recipients)


def unsubscribe(*, token):
    """Stop the emails a signed unsubscribe token names, at once. Returns the participant, or None."""
    participant_id, digest = emails.read_unsubscribe_token(token)
    field = "digest_enabled" if digest else "announcements_enabled"
    Participant.objects.filter(pk=participant_id).update(**{field: False})
    return Participant.objects.filter(pk=participant_id).first()


def credit_ambassador(*, user, code):
    """Credit a new account to the ambassador whose invitation brought it; once, never to themselves."""
    ambassador = Ambassador.objects.filter(code=code, active=True).select_related("participant").first()
    if ambassador is None or ambassador.participant.user_id == user.pk:
        return None
    referral, _created = Referral.objects.get_or_create(user=user, defaults={"ambassador": ambassador})
    return referral
