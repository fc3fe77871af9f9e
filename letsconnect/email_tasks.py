"""The task class of every task that sends one email: retried with backoff while the mail server fails, then
recorded as undelivered; never an error that stops the worker.

- A transient failure (connection refused or dropped, a timeout, a 4xx answer) is retried after
  `EMAIL_RETRY_BACKOFF` seconds, doubling each time up to `EMAIL_RETRY_BACKOFF_MAX`, with jitter (each delay is
  drawn from its upper half, so delays still grow), at most `EMAIL_RETRY_MAX` times.
- A permanent refusal (a 5xx answer: no such mailbox, message refused) is not retried: the message cannot be
  delivered by trying again.
- Either way, when the email is given up it is logged at ERROR and kept as an `UndeliveredEmail` row for the
  liaisons (admin); an address refused for good is also noted on the participant (`refused_email`), so that
  announcements skip it, as the outreach outbox does.

The bulk senders have ledgers of their own and keep their rules: reminders (`clinics.reminders`) and announcements
and digests (`outreach.outbox`).
"""

import logging
import random
import smtplib

from django.conf import settings

from .celery import ResilientTask

logger = logging.getLogger(__name__)


def is_permanent(error):
    """Whether the mail server refused for good (5xx), for every recipient."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def refused_addresses(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return [address for address, (code, _message) in error.recipients.items() if code >= 500]
    return []


def describe(error):
    """The server's answer without the addresses it names (the row outlives an erased account)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, message = error.smtp_code, error.smtp_error
    else:
        return f"{type(error).__name__}: {error}"[:300]
    text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}"[:300]


def retry_delay(retries):
    """Seconds before retry number `retries` + 1: exponential, capped, drawn from the upper half (jitter)."""
    ceiling = min(settings.EMAIL_RETRY_BACKOFF * 2**retries, settings.EMAIL_RETRY_BACKOFF_MAX)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 -- jitter, not cryptography


class EmailTask(ResilientTask):
    """Base of the tasks that send one email (`@shared_task(base=EmailTask)`)."""

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except OSError as error:  # smtplib's errors, refused and dropped connections, timeouts
            if is_permanent(error):
                self.give_up(error, args=args, kwargs=kwargs, permanent=True)
                return None
            if self.request.retries >= settings.EMAIL_RETRY_MAX or self.request.is_eager:
                self.give_up(error, args=args, kwargs=kwargs, permanent=False)
                return None
            delay = retry_delay(self.request.retries)
            logger.warning(
                "%s: the mail server failed (%s); retry %s of %s in %.1f s.",
                self.name,
                describe(error),
                self.request.retries + 1,
                settings.EMAIL_RETRY_MAX,
                delay,
            )
            raise self.retry(exc=error, countdown=delay, max_retries=settings.EMAIL_RETRY_MAX) from error

    def recorded_arguments(self, args, kwargs):
        """What the `UndeliveredEmail` row keeps of the task's arguments: ids, by default all of them."""
        return list(args), dict(kwargs)

    def give_up(self, error, *, args, kwargs, permanent):
        from participants.models import Participant

        from .models import UndeliveredEmail

        logger.error(
            "%s%s: email given up after %s attempts (%s).",
            self.name,
            self.recorded_arguments(args, kwargs)[0],
            self.request.retries + 1,
            describe(error),
        )
        args, kwargs = self.recorded_arguments(args, kwargs)
        UndeliveredEmail.objects.create(
            task=self.name,
            args=args,
            kwargs=kwargs,
            attempts=self.request.retries + 1,
            permanent=permanent,
            error=describe(error),
        )
        for address in refused_addresses(error):
            Participant.objects.filter(user__email__iexact=address).update(refused_email=address.lower())
