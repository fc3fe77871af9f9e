"""The life cycle of a mentorship: asked, accepted or declined, then completed or withdrawn; who may do what."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import emails, messaging
from .models import Mentorship, ParticipantSkill


def _notify(mentorship, event, recipient):
    emails.write_mentorship_email(mentorship, event=event, recipient=recipient)


def mentor_has_room(mentor):
    if mentor.max_mentees is None:
        return True
    return Mentorship.objects.filter(mentor=mentor).active().count() < mentor.max_mentees


@transaction.atomic
def request_mentorship(*, mentee, mentor, skill, message):
    if mentee.pk == mentor.pk:
        raise ValidationError(_("You cannot ask yourself for mentorship."), code="self")
    # A request's text is emailed to the mentor: it is a message, under the same choice and the same limits.
    if not messaging.can_receive_messages(mentor):
        raise ValidationError(_("This participant does not receive messages or mentorship requests."), code="closed")
    messaging.check_rate_limit(mentee)
    if not ParticipantSkill.objects.filter(participant=mentor, skill=skill, kind=ParticipantSkill.Kind.SHARE).exists():
        raise ValidationError(_("This participant does not share that skill."), code="not_a_sharer")
    if not mentor_has_room(mentor):
        raise ValidationError(_("This mentor is not taking new mentees at the moment."), code="full")
    if Mentorship.objects.filter(
        mentee=mentee, mentor=mentor, skill=skill, status__in=[Mentorship.Status.REQUESTED, Mentorship.Status.ACCEPTED]
    ).exists():
        raise ValidationError(_("You already asked this person for mentorship on this skill."), code="duplicate")
    mentorship = Mentorship.objects.create(mentee=mentee, mentor=mentor, skill=skill, message=message)
    _notify(mentorship, "requested", mentor)
    return mentorship


def _locked(mentorship):
    return Mentorship.objects.select_for_update().get(pk=mentorship.pk)


@transaction.atomic
def answer(*, mentorship, participant, accept):
    """The mentor, and only the mentor, accepts or declines a request."""
    mentorship = _locked(mentorship)
    if participant.pk != mentorship.mentor_id:
        raise PermissionDenied
    if mentorship.status != Mentorship.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."), code="answered")
    if accept and not mentor_has_room(mentorship.mentor):
        raise ValidationError(_("You have reached the number of mentees you set."), code="full")
    mentorship.status = Mentorship.Status.ACCEPTED if accept else Mentorship.Status.DECLINED
    mentorship.responded_at = timezone.now()
    mentorship.save(update_fields=["status", "responded_at"])
    _notify(mentorship, "accepted" if accept else "declined", mentorship.mentee)
    return mentorship


@transaction.atomic
def end(*, mentorship, participant, completed, feedback=""):
    """Either person ends an active mentorship (completed), or the mentee withdraws a request or mentorship."""
    mentorship = _locked(mentorship)
    if participant.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise PermissionDenied
    open_statuses = [Mentorship.Status.ACCEPTED]
    if participant.pk == mentorship.mentee_id:
        open_statuses.append(Mentorship.Status.REQUESTED)
    if mentorship.status not in open_statuses:
        raise ValidationError(_("This mentorship cannot be ended now."), code="closed")
    if completed and mentorship.status != Mentorship.Status.ACCEPTED:
        raise ValidationError(_("Only an active mentorship can be completed."), code="not_active")
    mentorship.status = Mentorship.Status.COMPLETED if completed else Mentorship.Status.WITHDRAWN
    mentorship.feedback = feedback
    mentorship.ended_at = timezone.now()
    mentorship.ended_by = participant
    mentorship.save(update_fields=["status", "feedback", "ended_at", "ended_by"])
    _notify(mentorship, "ended", mentorship.other(participant))
    return mentorship
