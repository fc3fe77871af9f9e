"""Emails of the skills app, each rendered in its recipient's language."""

from django.conf import settings

from letsconnect.mail import send_templated
from participants.liaisons import LIAISON_GROUP
from participants.models import User


def send(*, template, to, language, context, reply_to=None):
    send_templated(template=f"skills/email/{template}", to=to, language=language, context=context, reply_to=reply_to)


def message_email(message):
    recipient = message.recipient
    reply_to = [message.sender.user.email] if message.reply_to_sender and message.sender.user.email else None
    send(
        template="message",
        to=recipient.user.email,
        language=recipient.email_language,
        context={"message": message, "sender": message.sender, "recipient": recipient},
        reply_to=reply_to,
    )


def report_emails(message):
    """Tell every liaison (and staff member) that a message was reported, each in their own language."""
    liaisons = User.objects.filter(is_active=True).filter(
        is_staff=True, groups__name=LIAISON_GROUP
    ) | User.objects.filter(is_active=True, is_superuser=True)
    for user in liaisons.distinct().select_related("participant").exclude(email=""):
        participant = getattr(user, "participant", None)
        language = participant.email_language if participant else settings.LANGUAGE_CODE
        send(template="message_reported", to=user.email, language=language, context={"message": message})


def mentorship_email(mentorship, *, event, recipient):
    send(
        template=f"mentorship_{event}",
        to=recipient.user.email,
        language=recipient.email_language,
        context={"mentorship": mentorship, "recipient": recipient, "other": mentorship.other(recipient)},
    )
