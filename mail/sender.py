"""The one sender: claims due rows, builds each message, sends a batch over one SMTP connection, marks each row.

Delivery is at least once, and a duplicate is bounded to the messages in flight. A batch is claimed under
`SELECT ... FOR UPDATE SKIP LOCKED` and leased (`MAIL_LEASE_SECONDS`) in one short transaction, so that any number
of senders (worker processes, the beat sweep, a second worker) share the rows without taking one twice; each row
is marked as soon as the mail server answers, from a thread beside the sender (`mail.marks`). If the worker dies,
the rows it leased and had not sent are taken over by the next sweep once the lease ends (beat runs `send_due`
every `MAIL_SWEEP_SECONDS`, so within lease + sweep seconds, whatever the broker does with the dead task); only
messages the server accepted whose marks had not yet reached PostgreSQL (at most `marks.IN_FLIGHT` per sender)
go out a second time, with the same Message-ID (one per row), so that mail clients can drop the copy.

A live sender gives back what it has not sent when half of its lease has passed, so that its rows are never taken
over while it still holds them. The SMTP policy (`mail.policy`) is the same for every kind.
"""

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import composers, policy
from .marks import MarkWriter
from .models import Email
from .signals import address_refused, batch_sent, refused_among

logger = logging.getLogger(__name__)
State = Email.State

# One statement per row's outcome, without the ORM's cost. The text of a sent or skipped email is dropped (an
# account email holds a confirmation or password reset key), and so is the address of an account's email (the
# account holds it); a failed one keeps both, to be sent again.
_MARK_SQL = (
    "UPDATE mail_email SET state = %s, last_error = %s, due_at = COALESCE(%s, due_at), "
    "sent_at = %s, lease_until = NULL, "
    "subject = CASE WHEN %s THEN '' ELSE subject END, body = CASE WHEN %s THEN '' ELSE body END, "
    "html = CASE WHEN %s THEN '' ELSE html END, "
    "address = CASE WHEN %s AND recipient_id IS NOT NULL THEN '' ELSE address END WHERE id = %s AND state = 'sending'"
)


@dataclass
class Outcome:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0
    released: int = 0
    more: bool = False

    def add(self, other):
        for name in ("claimed", "sent", "failed", "skipped", "retried", "released"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def message_id(email):
    """The same for every attempt of one row: a copy sent again after a crash can be recognised as one."""
    digest = hashlib.sha256(email.key.encode()).hexdigest()[:20]
    return f"<{email.pk}.{digest}@{DNS_NAME}>"


def expire(*, now=None):
    """Give up what is no longer worth sending (a reminder after the clinic started): skipped, "expired"."""
    now = now or timezone.now()
    pending = Email.objects.filter(state=State.PENDING, expires_at__lte=now)
    abandoned = Email.objects.filter(state=State.SENDING, lease_until__lt=now, expires_at__lte=now)
    return sum(
        rows.update(state=State.SKIPPED, lease_until=None, last_error="expired") for rows in (pending, abandoned)
    )


def claim(*, batch_size, now=None):
    """Lease up to `batch_size` due rows that no live sender holds: leases that ended first, then by due time."""
    now = now or timezone.now()
    lease_until = now + timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    with transaction.atomic():
        ids = list(
            Email.objects.filter(state=State.SENDING, lease_until__lt=now)
            .order_by("lease_until")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch_size]
        )
        if len(ids) < batch_size:
            ids += list(
                Email.objects.filter(state=State.PENDING, due_at__lte=now)
                .order_by("due_at", "pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[: batch_size - len(ids)]
            )
        if ids:
            Email.objects.filter(pk__in=ids).update(
                state=State.SENDING, lease_until=lease_until, attempts=F("attempts") + 1
            )
    # Where rows cannot be locked (SQLite), the lease written last decides which sender holds a row.
    return list(
        Email.objects.filter(pk__in=ids, state=State.SENDING, lease_until=lease_until)
        .select_related("recipient")
        .order_by("due_at", "pk")
    )


def _refused(emails):
    addresses = {email.to.lower() for email in emails if email.to}
    refused = set()
    for _receiver, answer in refused_among.send(sender=Email, addresses=addresses):
        refused |= set(answer or ())
    return refused


def _drafts(emails):
    drafts, by_kind = {}, {}
    for email in emails:
        by_kind.setdefault(email.kind, []).append(email)
    for kind, rows in by_kind.items():
        try:
            drafts.update(composers.compose(kind, rows))
        except Exception as error:
            logger.exception("The %s emails of this batch could not be composed.", kind)
            drafts.update({email.pk: error for email in rows})
    return drafts


def build(email, draft, *, to, connection=None):
    """The message of one row, built by Django's EmailMessage (the email package): CRLF line ends only, every
    header checked, the body encoded as its characters need."""
    message = EmailMultiAlternatives(
        draft.subject,
        draft.body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        reply_to=draft.reply_to or None,
        headers={"Message-ID": message_id(email), **draft.headers},
        connection=connection,
    )
    if draft.html:
        message.attach_alternative(draft.html, "text/html")
    for attachment in draft.attachments:
        message.attach(*attachment)
    return message


class _Batch:
    def __init__(self, emails):
        self.emails = emails
        self.outcome = Outcome(claimed=len(emails))
        self.marks = MarkWriter(_MARK_SQL)

    def mark(self, email, state, error=""):
        final = state in (State.SENT, State.SKIPPED)
        sent = state == State.SENT
        # The time comes from here, not the database's now(), which SQLite (`make run`) does not have.
        self.marks.put(
            [state, error[:300], None, timezone.now() if sent else None, final, final, final, final, email.pk]
        )
        setattr(self.outcome, state, getattr(self.outcome, state) + 1)

    def retry_later(self, email, error):
        """A transient failure: try again after a growing delay, or give up after the last attempt or the expiry."""
        retry_at = timezone.now() + timedelta(seconds=policy.retry_delay(email.attempts))
        if email.attempts >= settings.EMAIL_RETRY_MAX or (email.expires_at and retry_at >= email.expires_at):
            logger.error("%s given up after %s attempts (%s).", email.key, email.attempts, policy.describe(error))
            self.mark(email, State.FAILED, policy.describe(error))
            return
        self.marks.put([State.PENDING, policy.describe(error), retry_at, None, False, False, False, False, email.pk])
        self.outcome.retried += 1

    def release(self, emails):
        """Give back rows not tried, without counting an attempt."""
        ids = [email.pk for email in emails]
        if ids:
            self.outcome.released += Email.objects.filter(pk__in=ids, state=State.SENDING).update(
                state=State.PENDING, lease_until=None, attempts=F("attempts") - 1
            )


def send_batch(*, batch_size=None, now=None):
    """Claim one batch and send it over one SMTP connection."""
    emails = claim(batch_size=batch_size or settings.MAIL_BATCH_SIZE, now=now)
    if not emails:
        return Outcome()
    started = time.monotonic()
    drafts = _drafts(emails)
    refused = _refused(emails)
    batch = _Batch(emails)
    connection = get_connection()
    try:
        try:
            connection.open()
        except OSError as error:
            logger.warning("The mail server cannot be reached (%s); the batch waits.", policy.describe(error))
            for email in emails:
                batch.retry_later(email, error)
            return batch.outcome
        for position, email in enumerate(emails):
            if time.monotonic() - started > settings.MAIL_LEASE_SECONDS / 2:
                batch.release(emails[position:])
                break
            if not _send_one(batch, email, drafts.get(email.pk), refused=refused, connection=connection):
                batch.release(emails[position + 1 :])
                break
    finally:
        try:
            connection.close()
        finally:
            batch.marks.close()
    groups = {email.group for email in emails if email.group}
    if groups:
        batch_sent.send(sender=Email, groups=groups)
    return batch.outcome


def _send_one(batch, email, draft, *, refused, connection):
    """Send one row and mark it; False when the connection is lost and the batch must stop."""
    to = email.to
    if not to:
        batch.mark(email, State.SKIPPED, "no address")
        return True
    if to.lower() in refused:
        batch.mark(email, State.SKIPPED, "address refused by the mail server earlier")
        return True
    if isinstance(draft, Exception):
        batch.mark(email, State.FAILED, policy.describe(draft))
        return True
    if not isinstance(draft, composers.Draft):
        batch.mark(email, State.SKIPPED, str(draft or "nothing to send"))
        return True
    try:
        message = build(email, draft, to=to, connection=connection)
        connection.send_messages([message])
    except OSError as error:  # smtplib's errors, refused and dropped connections, timeouts
        verdict = policy.classify(error)
        if verdict == policy.REFUSED:
            batch.mark(email, State.FAILED, policy.describe(error))
            refused.add(to.lower())
            address_refused.send(sender=Email, address=to)
        elif verdict == policy.REJECTED:
            batch.mark(email, State.FAILED, policy.describe(error))
        else:
            batch.retry_later(email, error)
            if not policy.connection_survives(error):
                logger.warning("The mail server failed (%s); the rest of the batch waits.", policy.describe(error))
                return False
        return True
    except Exception as error:  # a message that cannot be built (a header with a line break): never sent
        logger.exception("%s could not be built.", email.key)
        batch.mark(email, State.FAILED, policy.describe(error))
        return True
    batch.mark(email, State.SENT)
    return True


def due_exists(*, now=None):
    now = now or timezone.now()
    return Email.objects.filter(state=State.PENDING, due_at__lte=now).exists()


def send_due(*, seconds=None, now=None):
    """Send batches until nothing is due or `seconds` (default `MAIL_TASK_SECONDS`) have passed, at `MAIL_RATE`.

    `now`: the time to send as of (tests move the clock); default the current time."""
    deadline = time.monotonic() + (seconds or settings.MAIL_TASK_SECONDS)
    total = Outcome()
    expire(now=now)
    while time.monotonic() < deadline:
        started = time.monotonic()
        outcome = send_batch(now=now)
        total.add(outcome)
        if outcome.claimed == 0:
            return total
        pause = outcome.claimed / settings.MAIL_RATE - (time.monotonic() - started)
        if pause > 0:
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
    total.more = due_exists(now=now)
    return total
