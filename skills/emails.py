"""Emails of the skills app (messages, reports, mentorship steps): written to the outbox (`mail`) in the
transaction of the change, composed here in each recipient's language when the sender takes them."""

from django.conf import settings
from django.utils import timezone

from mail import services as mail
from mail.composers import Draft, render
from mail.models import Email
from participants.liaisons import LIAISON_GROUP
from participants.models import User

from .models import Mentorship, Message


def write_message_email(message):
    recipient = message.recipient
    mail.send(
        key=f"message:{message.pk}",
        kind=Email.Kind.MESSAGE,
        recipient=recipient.user,
        language=recipient.email_language,
        context={"message": message.pk},
    )


def write_report_emails(message):
    """Tell every liaison (and staff member) that a message was reported, each in their own language."""
    liaisons = User.objects.filter(is_active=True).filter(
        is_staff=True, groups__name=LIAISON_GROUP
    ) | User.objects.filter(is_active=True, is_superuser=True)
    mail.write(
        mail.email(
            key=f"message-report:{message.pk}:{user.pk}",
            kind=Email.Kind.MESSAGE,
            recipient=user,
            language=user.participant.email_language if hasattr(user, "participant") else settings.LANGUAGE_CODE,
            context={"message": message.pk, "report": True},
        )
        for user in liaisons.distinct().select_related("participant").exclude(email="")
    )


def write_mentorship_email(mentorship, *, event, recipient):
    mail.send(
        key=f"mentorship:{mentorship.pk}:{event}:{recipient.pk}",
        kind=Email.Kind.MENTORSHIP,
        recipient=recipient.user,
        language=recipient.email_language,
        context={"mentorship": mentorship.pk, "event": event, "recipient": recipient.pk},
    )


def compose_message_emails(emails):
    messages = Message.objects.select_related("sender__user", "recipient__user").in_bulk(
        [email.context["message"] for email in emails]
    )
    drafts, emailed = {}, []
    for email in emails:
        message = messages.get(email.context["message"])
        if message is None:
            drafts[email.pk] = "message deleted"
            continue
        if email.context.get("report"):
            subject, body = render(
                template="skills/email/message_reported", language=email.language, context={"message": message}
            )
            drafts[email.pk] = Draft(subject=subject, body=body)
            continue
        subject, body = render(
            template="skills/email/message",
            language=email.language,
            context={"message": message, "sender": message.sender, "recipient": message.recipient},
        )
        reply_to = [message.sender.user.email] if message.reply_to_sender and message.sender.user.email else []
        drafts[email.pk] = Draft(subject=subject, body=body, reply_to=reply_to)
        emailed.append(message.pk)
    Message.objects.filter(pk__in=emailed, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return drafts


def compose_mentorship_emails(emails):
    mentorships = Mentorship.objects.select_related("mentor__user", "mentee__user", "skill").in_bulk(
        [email.context["mentorship"] for email in emails]
    )
    drafts = {}
    for email in emails:
        mentorship = mentorships.get(email.context["mentorship"])
        if mentorship is None:
            drafts[email.pk] = "mentorship deleted"
            continue
        recipient = mentorship.mentor if email.context["recipient"] == mentorship.mentor_id else mentorship.mentee
        subject, body = render(
            template=f"skills/email/mentorship_{email.context['event']}",
            language=email.language,
            context={"mentorship": mentorship, "recipient": recipient, "other": mentorship.other(recipient)},
        )
        drafts[email.pk] = Draft(subject=subject, body=body)
    return drafts
