"""Participants writing to each other through the site: rules, rate limits, reports."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .models import Message

# (period, most messages a sender may send in it)
RATE_LIMITS = [(timedelta(hours=1), 5), (timedelta(days=1), 20)]


def can_receive_messages(participant):
    return participant.listed and participant.messages_enabled and participant.user.is_active


@transaction.atomic
def send_message(*, sender, recipient, body, reply_to_sender):
    """Record the message and have it emailed once the transaction commits."""
    if sender.pk == recipient.pk:
        raise ValidationError(_("You cannot send a message to yourself."), code="self")
    if not can_receive_messages(recipient):
        raise ValidationError(_("This participant does not receive messages."), code="closed")
    now = timezone.now()
    for period, limit in RATE_LIMITS:
        if Message.objects.filter(sender=sender, created_at__gte=now - period).count() >= limit:
            raise ValidationError(
                _("You have sent many messages in a short time. Please wait before sending more."), code="rate_limit"
            )
    message = Message.objects.create(sender=sender, recipient=recipient, body=body, reply_to_sender=reply_to_sender)
    tasks.send_message_email.delay_on_commit(message.pk)
    return message


@transaction.atomic
def report_message(*, message):
    """The recipient reports a message: the liaisons are told (once)."""
    if message.reported_at is not None:
        return False
    Message.objects.filter(pk=message.pk).update(reported_at=timezone.now())
    tasks.send_report_to_liaisons.delay_on_commit(message.pk)
    return True
