"""Participants writing to each other through the site: rules, rate limits, reports."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Participant

from . import emails
from .models import Mentorship, Message

# (period, most messages and mentorship requests together a participant may send in it)
RATE_LIMITS = [(timedelta(hours=1), 5), (timedelta(days=1), 20)]


def can_receive_messages(participant):
    """Whether others may write to `participant`: a message, or a mentorship request (its text is a message)."""
    return participant.listed and participant.messages_enabled and participant.user.is_active


def check_rate_limit(sender):
    """Raises ValidationError once `sender` has written as much as RATE_LIMITS allow: messages and mentorship
    requests (withdrawn ones too: each was an email) counted together.

    Call it inside the transaction that records the new one. It locks the sender's row until that transaction
    ends, so that simultaneous requests of one sender are counted one after the other, each seeing the others."""
    Participant.objects.select_for_update().filter(pk=sender.pk).values_list("pk", flat=True).get()
    now = timezone.now()
    for period, limit in RATE_LIMITS:
        since = now - period
        written = (
            Message.objects.filter(sender=sender, created_at__gte=since).count()
            + Mentorship.objects.filter(mentee=sender, created_at__gte=since).count()
        )
        if written >= limit:
            raise ValidationError(
                _("You have sent many messages in a short time. Please wait before sending more."), code="rate_limit"
            )


@transaction.atomic
def send_message(*, sender, recipient, body, reply_to_sender):
    """Record the message and have it emailed (the outbox sends it once the transaction commits)."""
    if sender.pk == recipient.pk:
        raise ValidationError(_("You cannot send a message to yourself."), code="self")
    if not can_receive_messages(recipient):
        raise ValidationError(_("This participant does not receive messages."), code="closed")
    check_rate_limit(sender)
    message = Message.objects.create(sender=sender, recipient=recipient, body=body, reply_to_sender=reply_to_sender)
    emails.write_message_email(message)
    return message


@transaction.atomic
def report_message(*, message):
    """The recipient reports a message: the liaisons are told (once)."""
    if message.reported_at is not None:
        return False
    Message.objects.filter(pk=message.pk).update(reported_at=timezone.now())
    emails.write_report_emails(message)
    return True
