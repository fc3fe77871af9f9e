"""Celery tasks of the participants app: allauth's account emails, sent by a worker rather than in the request."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from letsconnect.email_tasks import EmailTask


class AccountEmailTask(EmailTask):
    def recorded_arguments(self, args, kwargs):
        # The message holds the address and a confirmation or reset key: keep only which email it was.
        return [kwargs["template"]], {}


@shared_task(base=AccountEmailTask)
def send_account_email(*, template, subject, body, from_email, to, html=""):
    """A message allauth rendered (`template`: its template prefix, e.g. account/email/email_confirmation)."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
