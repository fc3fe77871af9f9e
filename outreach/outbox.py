"""The outbox: sends the pending rows of the `Delivery` ledger in batches, over one SMTP connection per batch.

Delivery is at least once, and a duplicate is bounded to the messages in flight: a batch is claimed under
`SELECT ... FOR UPDATE SKIP LOCKED` and leased (`lease_until`) in one short transaction, then each message is
marked sent in its own statement right after the mail server accepts it. If the worker dies, the claimed rows
it had not sent become claimable when the lease ends; only a message the server accepted in the instant
before the crash, and whose mark had not yet reached PostgreSQL (the marks are written by a thread beside
the sender, see `mail.marks`: at most the one or two messages of the last database round trip), can go out a
second time. A crash of PostgreSQL itself can also forget its last fraction of a second of marks.
"""

import smtplib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from mail.marks import MarkWriter

from .models import Delivery
from .queries import accepts

# A row claimed this many times without being sent (transient errors each time) is given up as failed.
MAX_ATTEMPTS = 8


@dataclass
class BatchOutcome:
    sent: int
    failed: int
    skipped: int
    # Rows still pending, and how long to wait before the next batch (the rate, or the end of a lease).
    more: bool
    pause: float

    @property
    def claimed(self):
        return self.sent + self.failed + self.skipped


def mark_refused(participant):
    """The mail server refused this address for good: skipped from now on, until the address changes."""
    type(participant).objects.filter(pk=participant.pk).update(refused_email=participant.user.email.lower())


def _release(deliveries):
    """Give claimed, unsent rows back at once (a transient error): the next batch retries them."""
    Delivery.objects.filter(pk__in=[delivery.pk for delivery in deliveries], status=Delivery.Status.PENDING).update(
        lease_until=None
    )


# The mark of one delivery's outcome, in plain SQL: one statement per message, without the ORM's cost.
_MARK_SQL = (
    "UPDATE outreach_delivery SET status = %s, detail = %s, lease_until = NULL, "
    "sent_at = CASE WHEN %s THEN now() END WHERE id = %s"
)


def claim(scope, *, batch_size):
    """Lease up to `batch_size` pending rows of `scope` that no live worker holds."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Delivery.objects.filter(scope, status=Delivery.Status.PENDING)
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch_size]
        )
        Delivery.objects.filter(pk__in=ids).update(
            lease_until=now + timedelta(seconds=settings.OUTREACH_LEASE_SECONDS), attempts=F("attempts") + 1
        )
    return list(Delivery.objects.filter(pk__in=ids).select_related("participant__user").order_by("pk"))


def _permanent(code):
    return 500 <= code < 600


def send_batch(scope, *, build, digest, batch_size=None):
    """Send one batch of `scope`'s pending deliveries; `build(delivery)` returns the message, or None to skip.

    Raises the SMTP or network error of a transient failure after giving the unsent rows back.
    """
    started = time.monotonic()
    deliveries = claim(scope, batch_size=batch_size or settings.OUTREACH_BATCH_SIZE)
    counts = {Delivery.Status.SENT: 0, Delivery.Status.FAILED: 0, Delivery.Status.SKIPPED: 0}
    if deliveries:
        connection = get_connection()
        try:
            connection.open()
        except OSError:
            _release(deliveries)
            raise
        marks = MarkWriter(_MARK_SQL)
        try:
            for index, delivery in enumerate(deliveries):
                status, detail = _send_one(delivery, connection=connection, build=build, digest=digest)
                if status is None:
                    marks.close()
                    _release(deliveries[index:])
                    raise detail
                marks.put([status, detail[:300], status == Delivery.Status.SENT, delivery.pk])
                counts[status] += 1
        finally:
            marks.close()
            connection.close()
    pending = Delivery.objects.filter(scope, status=Delivery.Status.PENDING)
    more = pending.exists()
    pause = 0.0
    if more and deliveries:
        pause = max(0.0, len(deliveries) / settings.OUTREACH_RATE - (time.monotonic() - started))
    elif more:
        # Every pending row is leased by another worker, or by one that died: look again when the lease ends.
        lease_end = pending.aggregate(end=Min("lease_until"))["end"]
        pause = max(1.0, (lease_end - timezone.now()).total_seconds()) if lease_end else 1.0
    return BatchOutcome(
        sent=counts[Delivery.Status.SENT],
        failed=counts[Delivery.Status.FAILED],
        skipped=counts[Delivery.Status.SKIPPED],
        more=more,
        pause=pause,
    )


def _send_one(delivery, *, connection, build, digest):
    """`(status, detail)`; `(None, error)` for a transient failure that must stop the batch."""
    participant = delivery.participant
    if not accepts(participant, digest=digest):
        return Delivery.Status.SKIPPED, "no longer accepts these emails"
    message = build(delivery)
    if message is None:
        return Delivery.Status.SKIPPED, "nothing new"
    message.connection = connection
    try:
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        code, reason = next(iter(error.recipients.values()))
        if not _permanent(code):
            return _transient(delivery, error)
        mark_refused(participant)
        return Delivery.Status.FAILED, f"{code} {_text(reason)}"
    except smtplib.SMTPSenderRefused as error:
        return _transient(delivery, error)
    except smtplib.SMTPResponseException as error:
        if not _permanent(error.smtp_code):
            return _transient(delivery, error)
        return Delivery.Status.FAILED, f"{error.smtp_code} {_text(error.smtp_error)}"
    except OSError as error:
        return _transient(delivery, error)
    return Delivery.Status.SENT, ""


def _transient(delivery, error):
    if delivery.attempts >= MAX_ATTEMPTS:
        return Delivery.Status.FAILED, str(error)
    return None, error


def _text(reason):
    return reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
