"""A clinic's life cycle as its page shows it: which phase it is in, who is looking, and what fits them.

One place for the rules, so that no page says two things that contradict each other (a cancelled clinic with a
waitlist promise, a past one with "Take part"). The view builds a `PageOffer`; the template only shows it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .models import Clinic, Registration

# The meeting link shows from a day before the start until the end.
MEETING_LINK_SHOWN_BEFORE = timedelta(days=1)


class Phase:
    UPCOMING = "upcoming"  # scheduled, not started: open for registration
    LIVE = "live"  # started, not ended
    PAST = "past"  # ended (held, or never marked held)
    CANCELLED = "cancelled"


class Visitor:
    ANONYMOUS = "anonymous"
    SIGNED_IN = "signed-in"  # signed in, no profile yet
    PARTICIPANT = "participant"  # a profile, not registered
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    SHARER = "sharer"
    LIAISON = "liaison"


def phase(clinic, *, now=None):
    now = now or timezone.now()
    if clinic.status == Clinic.Status.CANCELLED:
        return Phase.CANCELLED
    if clinic.end < now:
        return Phase.PAST
    if clinic.start <= now or clinic.status == Clinic.Status.HELD:
        return Phase.LIVE
    return Phase.UPCOMING


@dataclass(frozen=True)
class PageOffer:
    """What a clinic's page shows to one visitor. Every flag is False where it would contradict the phase."""

    phase: str
    visitor: str
    moved_from: object  # the start before the last move (an aware datetime), shown while the clinic is upcoming
    take_part: bool  # the "Take part" section at all
    rsvp: str  # "form", "sign-in", "finish-profile" or "" (nothing to register with)
    can_cancel_registration: bool
    registered: bool
    waitlist_promise: bool
    sharing: bool
    calendar_file: bool
    places_left: bool
    meeting_link: bool
    reminders: bool  # reminders will come (the clinic is upcoming and the visitor is, or may become, registered)
    reminders_off: bool  # registered, but reminders are turned off in the settings
    manage: bool  # a link to the clinic in the admin, with its registration counts


def page_offer(*, clinic, user, participant, registration, is_sharer, now=None):
    now = now or timezone.now()
    current = phase(clinic, now=now)
    status = registration.status if registration is not None else None
    # Liaisons (and the program's staff) run every clinic in the admin, not only those they are named on.
    is_liaison = user.is_authenticated and user.is_staff and user.has_perm("clinics.change_clinic")
    if is_liaison:
        visitor = Visitor.LIAISON
    elif is_sharer:
        visitor = Visitor.SHARER
    elif status == Registration.Status.REGISTERED:
        visitor = Visitor.REGISTERED
    elif status == Registration.Status.WAITLISTED:
        visitor = Visitor.WAITLISTED
    elif participant is not None:
        visitor = Visitor.PARTICIPANT
    elif user.is_authenticated:
        visitor = Visitor.SIGNED_IN
    else:
        visitor = Visitor.ANONYMOUS

    upcoming = current == Phase.UPCOMING
    open_ = upcoming or current == Phase.LIVE
    registered = status == Registration.Status.REGISTERED
    active = status in (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)
    rsvp = ""
    if upcoming and not active and not is_sharer:
        if participant is not None:
            rsvp = "form"
        elif user.is_authenticated:
            rsvp = "finish-profile"
        else:
            rsvp = "sign-in"
    in_link_window = clinic.start - MEETING_LINK_SHOWN_BEFORE <= now <= clinic.end
    return PageOffer(
        phase=current,
        visitor=visitor,
        moved_from=clinic.previous_start if upcoming else None,
        take_part=open_,
        rsvp=rsvp,
        can_cancel_registration=upcoming and active,
        registered=open_ and registered,
        waitlist_promise=upcoming and status == Registration.Status.WAITLISTED,
        sharing=open_ and is_sharer,
        calendar_file=open_,
        places_left=upcoming and clinic.capacity is not None,
        meeting_link=open_
        and bool(clinic.meeting_url)
        and in_link_window
        # The link is for those who take part: liaisons reach it through the admin (tests/site/access_table.py).
        and (registered or is_sharer),
        reminders=upcoming and (rsvp == "form" or rsvp == "sign-in" or (registered and participant.reminders_enabled)),
        reminders_off=upcoming and registered and not participant.reminders_enabled,
        manage=is_liaison,
    )
