"""Celery tasks of the skills app: thin, idempotent, by id."""

from celery import shared_task
from django.utils import timezone

from letsconnect.email_tasks import EmailTask

from . import emails
from .models import Mentorship, Message


@shared_task(base=EmailTask)
def send_message_email(message_id):
    message = Message.objects.select_related("sender__user", "recipient__user").filter(pk=message_id).first()
    if message is None or message.emailed_at is not None:
        return
    emails.message_email(message)
    Message.objects.filter(pk=message_id).update(emailed_at=timezone.now())


@shared_task(base=EmailTask)
def send_report_to_liaisons(message_id):
    message = Message.objects.select_related("sender__user", "recipient__user").filter(pk=message_id).first()
    if message is not None:
        emails.report_emails(message)


@shared_task(base=EmailTask)
def send_mentorship_email(mentorship_id, event, recipient_id):
    mentorship = (
        Mentorship.objects.select_related("mentor__user", "mentee__user", "skill").filter(pk=mentorship_id).first()
    )
    if mentorship is None:
        return
    recipient = mentorship.mentor if recipient_id == mentorship.mentor_id else mentorship.mentee
    emails.mentorship_email(mentorship, event=event, recipient=recipient)
