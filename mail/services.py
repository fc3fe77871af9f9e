"""Writing to the outbox: what every feature calls, in the transaction of its change; none talks to SMTP."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from letsconnect.deferred import publish_or_defer

from .models import Email

INSERT_BATCH = 2000


def email(*, key, kind, recipient=None, recipient_id=None, address="", language=None, context=None, group="",
          due_at=None, expires_at=None, subject="", body="", html="", created_at=None):  # fmt: skip
    """An unsaved row (for `write`): to `recipient` (an account, or its id), else to `address`."""
    now = timezone.now()
    return Email(
        key=key,
        kind=kind,
        group=group,
        recipient_id=recipient.pk if recipient is not None else recipient_id,
        address=address,
        language=language or settings.LANGUAGE_CODE,
        context=context or {},
        due_at=due_at or now,
        expires_at=expires_at,
        subject=subject,
        body=body,
        html=html,
        created_at=created_at or now,
    )


def write(emails, *, send_now=False):
    """Put rows in the outbox (a row whose key is already there is left as it is) and have the sender start once
    the transaction commits. Returns how many rows were offered.

    `send_now`: start the sender at once rather than after the commit, for callers outside any transaction of
    their own (allauth's account emails); should the row not be visible yet, the next sweep sends it."""
    emails = list(emails)
    if not emails:
        return 0
    Email.objects.bulk_create(emails, batch_size=INSERT_BATCH, ignore_conflicts=True)
    if send_now:
        _start_sender()
    else:
        transaction.on_commit(_start_sender)
    return len(emails)


def send(**fields):
    """Write one email (see `email` for the fields)."""
    return write([email(**fields)])


def _start_sender():
    from . import tasks

    publish_or_defer(tasks.send_due, (), {})


def resend(*, ids):
    """Failed rows back to the outbox, due now, with their attempts counted afresh. Returns how many."""
    count = Email.objects.filter(pk__in=ids, state=Email.State.FAILED).update(
        state=Email.State.PENDING, due_at=timezone.now(), expires_at=None, attempts=0, lease_until=None
    )
    if count:
        transaction.on_commit(_start_sender)
    return count
