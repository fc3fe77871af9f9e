"""Giving and taking back badges: automatically by the rules, or by liaisons with a reason."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Participant

from . import emails, rules
from .models import Award, BadgeClass, hashed_identity
from .ob3 import status


def _create(*, badge, participant, awarded_by=None, reason="", evidence="", notify=True):
    """The award, created once: a second call (a task run twice, two workers at once) finds the first."""
    award = Award(badge=badge, participant=participant)
    now = timezone.now()
    award, created = Award.objects.get_or_create(
        badge=badge,
        participant=participant,
        defaults={
            "awarded_at": now,
            "expires_at": now + timedelta(days=badge.valid_for_days) if badge.valid_for_days else None,
            "status_index": status.free_index(Award),
            "recipient_salt": award.recipient_salt,
            "recipient_identity": hashed_identity(participant.user.email, award.recipient_salt),
            "awarded_by": awarded_by,
            "reason": reason,
            "evidence": evidence,
        },
    )
    if created and notify:
        emails.write_award_email(award)
    return award, created


@transaction.atomic
def evaluate(*, participant, notify=True):
    """Award every automatic badge the participant has earned and does not hold yet. Returns the new awards.
    `notify=False` (demo data, back-filling history) awards without emailing."""
    counts = rules.achievements(participant)
    held = set(Award.objects.filter(participant=participant).values_list("badge_id", flat=True))
    new = []
    for badge in BadgeClass.objects.automatic():
        if badge.pk in held or not rules.earned(badge, counts):
            continue
        award, created = _create(
            badge=badge, participant=participant, evidence=_evidence(badge, counts[badge.rule]), notify=notify
        )
        if created:
            new.append(award)
    return new


def _evidence(badge, count):
    # Stored in English: it is part of the Open Badges assertion, whose language is English.
    return f"{badge.get_rule_display()}: {count} (N = {badge.threshold})"


@transaction.atomic
def award_manually(*, badge, participant, by, reason, notify=True):
    """A liaison gives a badge (any badge, e.g. ambassador) with a reason."""
    if not reason.strip():
        raise ValidationError(_("Say why this badge is given: the reason is part of the award."), code="reason")
    award, created = _create(badge=badge, participant=participant, awarded_by=by, reason=reason.strip(), notify=notify)
    if not created:
        raise ValidationError(_("This person already holds this badge."), code="duplicate")
    return award


@transaction.atomic
def revoke(*, award, reason):
    """Take a badge back. The 2.0 assertion keeps answering, with `revoked: true` and the reason; the award's bit
    in the 3.0 revocation list is set, so that copies of its credential fail their status check."""
    if not reason.strip():
        raise ValidationError(_("Say why the badge is revoked: the reason is published with it."), code="reason")
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.revoked:
        return False
    award.revoked_at = timezone.now()
    award.revocation_reason = reason.strip()
    award.save(update_fields=["revoked_at", "revocation_reason"])
    return True


def evaluate_by_id(participant_id):
    participant = Participant.objects.select_related("user").filter(pk=participant_id).first()
    return [] if participant is None else evaluate(participant=participant)
