"""Clinic reminders and after-clinic emails: what falls due is written to the outbox (`mail`), which sends it.

`plan()` runs every minute (Celery beat, `clinics.tasks.plan_reminders`). It writes an outbox row for every email
that has fallen due: 24 hours and 1 hour before a clinic (kind `reminder`), feedback an hour after its end and the
recording once it is held (kind `follow-up`). Each row's key names the email (the start a reminder announces, so
a clinic that moves is owed reminders for its new time), so planning twice, or in two places at once, writes one
row. The outbox sends them under its one policy; `compose()` checks each row again just before it goes out (the
clinic moved or was cancelled, the registration was cancelled, reminders were turned off: nothing goes) and
renders each reminder once per kind, clinic, language and time zone, putting each person's name in.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef
from django.utils import timezone

from mail import sender
from mail import services as mail
from mail.composers import Draft, RenderedOnce, personalise, render, slot
from mail.models import Email

from .models import Attendance, Clinic, Feedback, Registration

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
KEY_LOOKUP_BATCH = 2000

DAY, HOUR, FEEDBACK, RECORDING = "24h", "1h", "feedback", "recording"
BEFORE = (DAY, HOUR)


@dataclass
class SweepResult:
    planned: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0


def key(what, clinic_id, participant_id, start):
    """The outbox key of one email: a reminder per start announced, an after-clinic email once per clinic."""
    if what in BEFORE:
        return f"reminder:{what}:{clinic_id}:{participant_id}:{int(start.timestamp())}"
    return f"{what}:{clinic_id}:{participant_id}"


def _end():
    return ExpressionWrapper(F("clinic__start") + F("clinic__duration"), output_field=DateTimeField())


def _owed(now):
    """(what, clinic id, participant id, start, due at, expires at) of every email due at `now`."""
    registered = Registration.objects.filter(status=Registration.Status.REGISTERED, participant__reminders_enabled=True)
    upcoming = registered.filter(clinic__status=Clinic.Status.SCHEDULED)
    # Someone who registers after the 24-hour mark just had the confirmation: they get only the 1-hour reminder.
    day_before = upcoming.filter(
        clinic__start__lte=now + DAY_BEFORE,
        clinic__start__gt=now + DAY_BEFORE_UNTIL,
        created_at__lte=F("clinic__start") - DAY_BEFORE,
    )
    for clinic_id, participant_id, start in day_before.values_list("clinic_id", "participant_id", "clinic__start"):
        yield DAY, clinic_id, participant_id, start, start - DAY_BEFORE, start - DAY_BEFORE_UNTIL
    hour_before = upcoming.filter(clinic__start__lte=now + HOUR_BEFORE, clinic__start__gt=now)
    for clinic_id, participant_id, start in hour_before.values_list("clinic_id", "participant_id", "clinic__start"):
        yield HOUR, clinic_id, participant_id, start, start - HOUR_BEFORE, start

    # After the clinic: to the people registered and the participants recorded as present.
    attended = Attendance.objects.filter(participant__isnull=False, participant__reminders_enabled=True)
    for source in (registered, attended):
        ended = source.annotate(end=_end()).exclude(clinic__status__in=[Clinic.Status.DRAFT, Clinic.Status.CANCELLED])
        feedback = ended.filter(end__lte=now - FEEDBACK_AFTER_END, end__gt=now - FEEDBACK_UNTIL).exclude(
            Exists(Feedback.objects.filter(clinic=OuterRef("clinic"), participant=OuterRef("participant")))
        )
        for clinic_id, participant_id, start, end in feedback.values_list(
            "clinic_id", "participant_id", "clinic__start", "end"
        ):
            yield FEEDBACK, clinic_id, participant_id, start, end + FEEDBACK_AFTER_END, end + FEEDBACK_UNTIL
        recording = ended.filter(
            clinic__status=Clinic.Status.HELD, end__lte=now, end__gt=now - RECORDING_UNTIL
        ).exclude(clinic__recording_url="")
        for clinic_id, participant_id, start, end in recording.values_list(
            "clinic_id", "participant_id", "clinic__start", "end"
        ):
            yield RECORDING, clinic_id, participant_id, start, end, end + RECORDING_UNTIL


def plan(*, now=None):
    """Write an outbox row for every email due at `now` that has none yet; returns how many were written."""
    from participants.models import Participant

    now = now or timezone.now()
    owed = {}
    for what, clinic_id, participant_id, start, due_at, expires_at in _owed(now):
        owed[key(what, clinic_id, participant_id, start)] = (what, clinic_id, participant_id, start, due_at, expires_at)
    keys = list(owed)
    for position in range(0, len(keys), KEY_LOOKUP_BATCH):
        for existing in Email.objects.filter(key__in=keys[position : position + KEY_LOOKUP_BATCH]).values_list(
            "key", flat=True
        ):
            del owed[existing]
    if not owed:
        return 0
    people = {
        pk: (user_id, language)
        for pk, user_id, language in Participant.objects.filter(pk__in={row[2] for row in owed.values()}).values_list(
            "pk", "user_id", "email_language"
        )
    }
    return mail.write(
        mail.email(
            key=row_key,
            kind=Email.Kind.REMINDER if what in BEFORE else Email.Kind.FOLLOW_UP,
            recipient_id=people[participant_id][0],
            language=people[participant_id][1],
            context={"what": what, "clinic": clinic_id, "participant": participant_id, "start": start.isoformat()},
            due_at=due_at,
            expires_at=expires_at,
            created_at=now,
        )
        for row_key, (what, clinic_id, participant_id, start, due_at, expires_at) in owed.items()
    )


def sweep(*, now=None):
    """Plan what is due at `now` and send everything the outbox holds that is due then (tests, scripts, benches:
    the beat task only plans, and the outbox's own task sends)."""
    now = now or timezone.now()
    planned = plan(now=now)
    outcome = sender.send_due(now=now)
    return SweepResult(planned=planned, sent=outcome.sent, skipped=outcome.skipped, failed=outcome.failed)


def _why_not_owed(email, clinic, participant, *, registered, attended, feedback_given):
    """Why a reminder must not go out any more (the clinic moved or was cancelled, ...), or None."""
    what = email.context["what"]
    pair = (clinic.pk, participant.pk)
    if not participant.reminders_enabled:
        return "reminders turned off"
    if what in BEFORE:
        if clinic.status != Clinic.Status.SCHEDULED:
            return f"clinic {clinic.status}"
        if clinic.start != datetime.fromisoformat(email.context["start"]):
            return "clinic moved"
        if pair not in registered:
            return "not registered"
        return None
    if clinic.status in (Clinic.Status.DRAFT, Clinic.Status.CANCELLED):
        return f"clinic {clinic.status}"
    if pair not in registered and pair not in attended:
        return "neither registered nor present"
    if what == FEEDBACK and pair in feedback_given:
        return "feedback already given"
    if what == RECORDING and (clinic.status != Clinic.Status.HELD or not clinic.recording_url):
        return "no recording"
    return None


def _as_it_is(clinic):
    """Every column of the clinic: a text rendered from it is reused only while none has changed."""
    return repr([getattr(clinic, field.attname) for field in Clinic._meta.concrete_fields])


# Texts rendered once per kind, clinic (as it is now), language and time zone, for every batch of this process:
# the 200 people of a clinic are spread over many batches.
_rendered = RenderedOnce(limit=2000)


def compose(emails):
    """The outbox's composer of reminders and after-clinic emails: checked again, rendered once per group."""
    from participants.models import Participant

    clinic_ids = {email.context["clinic"] for email in emails}
    participant_ids = {email.context["participant"] for email in emails}
    clinics = Clinic.objects.prefetch_related("materials").in_bulk(clinic_ids)
    people = Participant.objects.in_bulk(participant_ids)
    pairs = {"clinic_id__in": clinic_ids, "participant_id__in": participant_ids}
    registered = set(
        Registration.objects.filter(status=Registration.Status.REGISTERED, **pairs).values_list(
            "clinic_id", "participant_id"
        )
    )
    attended = set(Attendance.objects.filter(**pairs).values_list("clinic_id", "participant_id"))
    feedback_given = set(Feedback.objects.filter(**pairs).values_list("clinic_id", "participant_id"))
    drafts = {}
    for email in emails:
        clinic, participant = clinics.get(email.context["clinic"]), people.get(email.context["participant"])
        if clinic is None or participant is None:
            drafts[email.pk] = "clinic or participant deleted"
            continue
        reason = _why_not_owed(
            email, clinic, participant, registered=registered, attended=attended, feedback_given=feedback_given
        )
        if reason:
            drafts[email.pk] = reason
            continue
        what, time_zone = email.context["what"], participant.time_zone or "UTC"

        def render_for_everyone(clinic=clinic, what=what, time_zone=time_zone, language=email.language):
            return render(
                template=f"clinics/email/reminder_{what}",
                language=language,
                context={
                    "clinic": clinic,
                    "participant": {"display_name": slot("name")},
                    "time_zone": time_zone,
                    "materials": clinic.materials.all(),
                },
            )

        materials = tuple((material.pk, material.kind, material.language, material.url) for material in
                          clinic.materials.all())  # fmt: skip
        text_key = (what, _as_it_is(clinic), materials, email.language, time_zone)
        subject, body = _rendered.get(text_key, render_for_everyone)
        drafts[email.pk] = Draft(subject=subject, body=personalise(body, {"name": participant.display_name}))
    return drafts
