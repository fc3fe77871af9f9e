"""Operations of the outreach app: approving and sending announcements, the digest, unsubscribing, referrals."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Participant

from . import emails, outbox, queries
from .models import Ambassador, Announcement, Delivery, Referral

INSERT_BATCH = 2000


@transaction.atomic
def approve_announcement(*, announcement_id, user):
    """Put one row per recipient in the outbox and start sending; an announcement is approved only once.

    Returns how many people it goes to.
    """
    from . import tasks

    announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
    if announcement.status != Announcement.Status.DRAFT:
        raise ValidationError(_("This announcement has already been sent."), code="already_sent")
    recipient_ids = list(queries.audience(announcement).values_list("pk", flat=True))
    if not recipient_ids:
        raise ValidationError(_("Nobody is in this audience."), code="empty_audience")
    # The unique constraint on (announcement, participant) is the last guard against a second copy.
    Delivery.objects.bulk_create(
        [Delivery(announcement=announcement, participant_id=pk) for pk in recipient_ids], batch_size=INSERT_BATCH
    )
    announcement.status = Announcement.Status.SENDING
    announcement.approved_by = user
    announcement.approved_at = timezone.now()
    announcement.save(update_fields=["status", "approved_by", "approved_at"])
    tasks.send_announcement.delay_on_commit(announcement.pk)
    return len(recipient_ids)


def send_announcement_batch(*, announcement_id, batch_size=None):
    """Send the next batch of an approved announcement; marks it sent once nothing is pending."""
    announcement = Announcement.objects.get(pk=announcement_id)
    messages = emails.AnnouncementMessages(announcement)
    outcome = outbox.send_batch(
        Q(announcement=announcement),
        build=lambda delivery: messages.for_participant(delivery.participant),
        digest=False,
        batch_size=batch_size,
    )
    if not outcome.more:
        Announcement.objects.filter(pk=announcement.pk, status=Announcement.Status.SENDING).update(
            status=Announcement.Status.SENT, finished_at=timezone.now()
        )
    return outcome


def digest_month(today=None):
    """The month a digest sent `today` belongs to (its first day)."""
    today = today or timezone.now().date()
    return today.replace(day=1)


def plan_digest(*, month):
    """One outbox row per person who wants this month's digest; running it again adds nobody twice."""
    recipient_ids = (
        queries.reachable_participants()
        .filter(announcements_enabled=True, digest_enabled=True)
        .values_list("pk", flat=True)
    )
    created = Delivery.objects.bulk_create(
        [Delivery(digest_month=month, participant_id=pk) for pk in recipient_ids],
        batch_size=INSERT_BATCH,
        ignore_conflicts=True,
    )
    return len(created)


def send_digest_batch(*, month, batch_size=None):
    """Send the next batch of `month`'s digest; a person with nothing new is skipped."""
    month_start = month if isinstance(month, date) else date.fromisoformat(month)
    now = timezone.now()

    def build(delivery):
        participant = delivery.participant
        since = queries.previous_digest_at(participant, before=month_start) or now - timedelta(days=31)
        contents = queries.digest_contents(participant, since=since, now=now)
        if not any(contents.values()):
            return None
        return emails.digest_message(participant, contents)

    return outbox.send_batch(Q(digest_month=month_start), build=build, digest=True, batch_size=batch_size)


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
