"""Clinic reminders and after-clinic emails: what falls due, claimed by one sender, sent, and marked in the ledger.

`sweep()` runs every minute (Celery beat, `clinics.tasks.send_due_reminders`). It writes a ledger row
(`Reminder`) for every email that has fallen due, then claims rows in batches with `SELECT ... FOR UPDATE SKIP
LOCKED`, so that two sweeps at once (two beats, two workers, the sender threads of one sweep) never take the
same row, and sends each batch over one SMTP connection.

Delivery is **at least once**. A claim is committed before sending, and each row is marked sent in its own
statement right after the SMTP server accepted the message. A worker killed mid-batch leaves its rows claimed;
once the claim is older than `CLAIM_TIMEOUT` another sweep takes them over. So a crash loses nothing, and
repeats at most the message each sender thread had in flight (accepted by the server, not yet marked):
`REMINDER_SENDERS` messages at most. We chose this over at most once because a missed reminder costs a person
the clinic, while a rare double reminder costs a second glance; one statement per message is the price of
bounding the duplicates to the messages in flight instead of whole batches.
"""

import logging
import smtplib
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from mail.marks import MarkWriter

from . import emails
from .models import Attendance, Clinic, Feedback, Registration, Reminder

logger = logging.getLogger(__name__)

DAY_BEFORE = timedelta(hours=24)
HOUR_BEFORE = timedelta(hours=1)
# A late 24-hour reminder (the sweep was down) is still worth sending until 2 hours before the start;
# after that the 1-hour reminder, with the link to join, is the one that counts.
DAY_BEFORE_UNTIL = timedelta(hours=2)
FEEDBACK_AFTER_END = timedelta(hours=1)
# After-clinic emails are not sent for clinics older than this: a late email would confuse more than help,
# and the first sweep after a deployment must not write to everyone who ever attended.
FEEDBACK_UNTIL = timedelta(days=7)
RECORDING_UNTIL = timedelta(days=30)
BATCH_SIZE = 100
# A claim older than this belongs to a worker that died; a live sender stops at half of it and hands back the rest.
CLAIM_TIMEOUT = timedelta(minutes=5)
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=5)
INSERT_BATCH_SIZE = 1000

Kind, State = Reminder.Kind, Reminder.State


@dataclass
class SweepResult:
    planned: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0


def sweep(*, now=None, batch_size=BATCH_SIZE, senders=None):
    """Send every reminder due at `now` (default: the current time) that was not sent yet.

    `senders` (default: the REMINDER_SENDERS setting) threads send at once, each with its own database and
    SMTP connections, so that one renders while the others wait for the servers; 1 sends in the calling thread.
    """
    now = now or timezone.now()
    # SQLite (`make run`) writes one at a time: more threads would only wait for each other.
    senders = 1 if connection.vendor == "sqlite" else senders or settings.REMINDER_SENDERS
    with _commits_without_waiting_for_the_disk():
        result = SweepResult(planned=plan(now=now), skipped=_expire(now=now))
        if senders == 1:
            _send_due(now=now, batch_size=batch_size, result=result)
            return result
    results = [SweepResult() for _ in range(senders)]
    with ThreadPoolExecutor(max_workers=senders, thread_name_prefix="reminders") as pool:
        for done in [pool.submit(_sender, now=now, batch_size=batch_size, result=part) for part in results]:
            done.result()
    for part in results:
        result.sent += part.sent
        result.skipped += part.skipped
        result.failed += part.failed
    return result


def _expire(*, now):
    """Give up what is no longer meaningful: a 1-hour reminder after the start, a 24-hour one within 2 hours of
    it, an after-clinic email past its window (the sweep was down, or the mail server kept refusing)."""
    return (
        Reminder.objects.filter(state__in=[State.PENDING, State.SENDING], expires_at__lte=now)
        .filter(Q(state=State.PENDING) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(state=State.SKIPPED, claim=None, last_error="expired")
    )


def _sender(*, now, batch_size, result):
    try:
        with _commits_without_waiting_for_the_disk():
            _send_due(now=now, batch_size=batch_size, result=result)
    finally:
        connection.close()  # this thread's own connection


def _send_due(*, now, batch_size, result):
    """Claim and send batches until none is left, or the mail server fails."""
    rendered = {}  # emails rendered once per kind, clinic, language and time zone, for this sender's whole sweep
    while True:
        claim, ids = _claim(now=now, batch_size=batch_size)
        if not ids:
            return
        marks = MarkWriter(_MARK_SENT_SQL)
        try:
            sent_all = _send_batch(claim=claim, ids=ids, now=now, result=result, rendered=rendered, marks=marks)
        finally:
            marks.close()
        if not sent_all or len(ids) < batch_size:
            return


@contextmanager
def _commits_without_waiting_for_the_disk():
    """PostgreSQL's asynchronous commit for the sweep's writes: marking a message sent then waits for a round
    trip, not for a disk flush (0.64 instead of 0.92 ms per mark, measured on a loaded machine). Only a crash of
    the database server itself can lose the last fraction of a second of marks, and those messages are then
    sent again: still at least once.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _end():
    return ExpressionWrapper(F("clinic__start") + F("clinic__duration"), output_field=DateTimeField())


def _owed_rows(now):
    """(kind, clinic id, participant id, start, due at, expires at) of what is due at `now`, not yet in the ledger."""

    def not_in_ledger(queryset, kind):
        ledger = Reminder.objects.filter(clinic=OuterRef("clinic"), participant=OuterRef("participant"), kind=kind)
        if kind in Reminder.BEFORE_KINDS:
            ledger = ledger.filter(clinic_start=OuterRef("clinic__start"))
        return queryset.filter(participant__reminders_enabled=True).exclude(Exists(ledger))

    registered = Registration.objects.filter(status=Registration.Status.REGISTERED)
    upcoming = registered.filter(clinic__status=Clinic.Status.SCHEDULED)
    # Someone who registers after the 24-hour mark just had the confirmation: they get only the 1-hour reminder.
    day_before = upcoming.filter(
        clinic__start__lte=now + DAY_BEFORE,
        clinic__start__gt=now + DAY_BEFORE_UNTIL,
        created_at__lte=F("clinic__start") - DAY_BEFORE,
    )
    for clinic_id, participant_id, start in not_in_ledger(day_before, Kind.DAY_BEFORE).values_list(
        "clinic_id", "participant_id", "clinic__start"
    ):
        yield Kind.DAY_BEFORE, clinic_id, participant_id, start, start - DAY_BEFORE, start - DAY_BEFORE_UNTIL
    hour_before = upcoming.filter(clinic__start__lte=now + HOUR_BEFORE, clinic__start__gt=now)
    for clinic_id, participant_id, start in not_in_ledger(hour_before, Kind.HOUR_BEFORE).values_list(
        "clinic_id", "participant_id", "clinic__start"
    ):
        yield Kind.HOUR_BEFORE, clinic_id, participant_id, start, start - HOUR_BEFORE, start

    # After the clinic: to the people registered and the participants recorded as present.
    attended = Attendance.objects.filter(participant__isnull=False)
    for source in (registered, attended):
        ended = source.annotate(end=_end()).exclude(clinic__status__in=[Clinic.Status.DRAFT, Clinic.Status.CANCELLED])
        feedback = ended.filter(end__lte=now - FEEDBACK_AFTER_END, end__gt=now - FEEDBACK_UNTIL).exclude(
            Exists(Feedback.objects.filter(clinic=OuterRef("clinic"), participant=OuterRef("participant")))
        )
        for clinic_id, participant_id, start, end in not_in_ledger(feedback, Kind.FEEDBACK).values_list(
            "clinic_id", "participant_id", "clinic__start", "end"
        ):
            yield Kind.FEEDBACK, clinic_id, participant_id, start, end + FEEDBACK_AFTER_END, end + FEEDBACK_UNTIL
        recording = ended.filter(
            clinic__status=Clinic.Status.HELD, end__lte=now, end__gt=now - RECORDING_UNTIL
        ).exclude(clinic__recording_url="")
        for clinic_id, participant_id, start, end in not_in_ledger(recording, Kind.RECORDING).values_list(
            "clinic_id", "participant_id", "clinic__start", "end"
        ):
            yield Kind.RECORDING, clinic_id, participant_id, start, end, end + RECORDING_UNTIL


def plan(*, now):
    """Write a ledger row for every email due at `now` that has none; returns how many were new candidates.

    Two sweeps planning at once are harmless: the ledger's unique constraints keep one row each.
    """
    rows = {}
    for kind, clinic_id, participant_id, start, due_at, expires_at in _owed_rows(now):
        rows[kind, clinic_id, participant_id] = Reminder(
            kind=kind,
            clinic_id=clinic_id,
            participant_id=participant_id,
            clinic_start=start,
            due_at=due_at,
            expires_at=expires_at,
            created_at=now,
        )
    Reminder.objects.bulk_create(rows.values(), batch_size=INSERT_BATCH_SIZE, ignore_conflicts=True)
    return len(rows)


def _claimable(now):
    """Pending rows due at `now`, and the rows of a sender that died (its claim is older than CLAIM_TIMEOUT)."""
    return Reminder.objects.filter(
        Q(state=State.PENDING) | Q(state=State.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT),
        due_at__lte=now,
        expires_at__gt=now,
    )


def _claim(*, now, batch_size):
    """Take up to `batch_size` claimable rows that no other sender holds; returns the claim and the rows' ids."""
    claim = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            _claimable(now)
            .order_by("expires_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch_size]
        )
        # Still claimable: where row locks do not exist (SQLite), the write itself decides who got a row.
        if ids and not _claimable(now).filter(pk__in=ids).update(
            state=State.SENDING, claim=claim, claimed_at=now, attempts=F("attempts") + 1
        ):
            ids = []
    return claim, ids


def _why_not_owed(reminder, *, registered, attended, feedback_given):
    """Why a claimed reminder must not go out any more (the clinic moved or was cancelled, ...), or None."""
    clinic, participant = reminder.clinic, reminder.participant
    key = (reminder.clinic_id, reminder.participant_id)
    if not participant.reminders_enabled:
        return "reminders turned off"
    if not participant.user.email:
        return "no email address"
    if reminder.kind in Reminder.BEFORE_KINDS:
        if clinic.status != Clinic.Status.SCHEDULED:
            return f"clinic {clinic.status}"
        if clinic.start != reminder.clinic_start:
            return "clinic moved"
        if key not in registered:
            return "not registered"
        return None
    if clinic.status in (Clinic.Status.DRAFT, Clinic.Status.CANCELLED):
        return f"clinic {clinic.status}"
    if key not in registered and key not in attended:
        return "neither registered nor present"
    if reminder.kind == Kind.FEEDBACK and key in feedback_given:
        return "feedback already given"
    if reminder.kind == Kind.RECORDING and (clinic.status != Clinic.Status.HELD or not clinic.recording_url):
        return "no recording"
    return None


def _send_batch(*, claim, ids, now, result, rendered, marks):
    """Send the claimed rows over one SMTP connection; False when the mail server failed and the sweep should stop."""
    started = time.monotonic()
    reminders = list(
        Reminder.objects.filter(pk__in=ids, claim=claim)
        .select_related("clinic", "participant__user")
        .prefetch_related("clinic__materials")
        .order_by("expires_at", "pk")
    )
    clinic_ids = {reminder.clinic_id for reminder in reminders}
    participant_ids = {reminder.participant_id for reminder in reminders}
    pairs = {"clinic_id__in": clinic_ids, "participant_id__in": participant_ids}
    registered = set(
        Registration.objects.filter(status=Registration.Status.REGISTERED, **pairs).values_list(
            "clinic_id", "participant_id"
        )
    )
    attended = set(Attendance.objects.filter(**pairs).values_list("clinic_id", "participant_id"))
    feedback_given = set(Feedback.objects.filter(**pairs).values_list("clinic_id", "participant_id"))
    skipped = {}
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:
        logger.warning("The mail server cannot be reached (%s); reminders wait for the next sweep.", error)
        _release(claim=claim, reminders=reminders)
        return False
    with connection:
        for position, reminder in enumerate(reminders):
            if time.monotonic() - started > CLAIM_TIMEOUT.total_seconds() / 2:
                _release(claim=claim, reminders=reminders[position:])
                break
            reason = _why_not_owed(reminder, registered=registered, attended=attended, feedback_given=feedback_given)
            if reason:
                skipped.setdefault(reason, []).append(reminder.pk)
                continue
            try:
                emails.reminder_email(reminder, connection=connection, rendered=rendered)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
                # The server refused this message; it stays usable for the others.
                result.failed += _failed(reminder, claim=claim, now=now, error=error)
            except OSError as error:  # SMTPServerDisconnected, connection refused, timeouts
                logger.warning("The mail server failed (%s); reminders will be retried by the next sweep.", error)
                _failed(reminder, claim=claim, now=now, error=error)
                _release(claim=claim, reminders=reminders[position + 1 :])
                _skip(claim=claim, skipped=skipped, result=result)
                return False
            else:
                marks.put([State.SENT, timezone.now(), reminder.pk, claim])
                result.sent += 1
    _skip(claim=claim, skipped=skipped, result=result)
    return True


# `Reminder.objects.filter(pk=..., claim=...).update(state=SENT, sent_at=now, last_error="")` without the ORM's
# cost on every message (measured: a third of the time of a mark).
_MARK_SENT_SQL = (
    f"UPDATE {Reminder._meta.db_table} SET state = %s, sent_at = %s, last_error = '' "  # noqa: S608 - no user input
    "WHERE id = %s AND claim = %s"
)


def _skip(*, claim, skipped, result):
    for reason, ids in skipped.items():
        result.skipped += Reminder.objects.filter(pk__in=ids, claim=claim).update(
            state=State.SKIPPED, claim=None, last_error=reason
        )


def _release(*, claim, reminders):
    """Hand back rows this sender claimed but did not try, without counting an attempt."""
    if reminders:
        Reminder.objects.filter(pk__in=[reminder.pk for reminder in reminders], claim=claim).update(
            state=State.PENDING, claim=None, attempts=F("attempts") - 1
        )


def _failed(reminder, *, claim, now, error):
    """Retry later, with a growing delay, until MAX_ATTEMPTS or the end of the reminder's window; 1 if given up."""
    retry_at = now + RETRY_AFTER * reminder.attempts
    given_up = reminder.attempts >= MAX_ATTEMPTS or retry_at >= reminder.expires_at
    Reminder.objects.filter(pk=reminder.pk, claim=claim).update(
        state=State.FAILED if given_up else State.PENDING,
        claim=None,
        due_at=reminder.due_at if given_up else retry_at,
        last_error=str(error)[:300],
    )
    return int(given_up)
