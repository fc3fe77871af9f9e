"""Enrolling a person from CapX: found (by Wikimedia username, then by verified email) or created, never twice;
what they set on this site themselves is never overwritten; every outcome logged without personal data."""

import json
import secrets

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from participants.models import Participant, User
from participants.services import refresh_search_document

from ..models import CapxEnrolment, CapxEnrolmentLog, CapxNonce
from . import answers
from .tokens import Outcome, Refused, claims, public_key


def wikimedia_username(text):
    """A MediaWiki username as the wiki writes it: spaces for underscores, first letter upper case."""
    name = " ".join(str(text).replace("_", " ").split())
    return name[:1].upper() + name[1:]


def receive(body):
    """Read the body CapX posted (bytes: `{"token": "<JWT>"}`), check the token, enrol the person it names.
    Returns the confirmation, or raises Refused; every outcome is logged."""
    try:
        key = public_key()
        verified = claims(_token(body), key=key)
        confirmation, outcome, detail = enrol(verified)
    except Refused as refusal:
        log(refusal.outcome, detail=refusal.detail)
        raise
    log(outcome, detail=detail, confirmation=confirmation)
    return confirmation


def _token(body):
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(Outcome.BAD_BODY, 400, "The body must be a JSON object with a token.", "not JSON") from error
    if not isinstance(data, dict) or "token" not in data:
        raise Refused(Outcome.BAD_BODY, 400, "The body must be a JSON object with a token.", "no token")
    return data["token"]


def log(outcome, *, detail="", confirmation=""):
    CapxEnrolmentLog.objects.create(outcome=outcome, detail=detail[:200], confirmation=confirmation)


@transaction.atomic
def enrol(verified):
    """Spend the nonce and write the person, all or nothing. Returns (confirmation, outcome, detail)."""
    try:
        with transaction.atomic():
            CapxNonce.objects.create(nonce=verified["nonce"])
    except IntegrityError as error:
        raise Refused(Outcome.REPLAYED, 409, "This token was already used (its nonce is spent).") from error
    username = wikimedia_username(verified["user"])
    email = _email(verified.get("email"))
    participant, found_by = _find(username=username, email=email)
    if participant is None:
        participant = _create(username=username, email=email, full_name=verified.get("full_name"))
        outcome, detail = Outcome.CREATED, "new account"
    else:
        outcome, detail = Outcome.UPDATED, f"matched by {found_by}"
    unmatched, changed = _fill_blanks(participant, username=username, answered=verified)
    if changed or outcome == Outcome.CREATED:
        refresh_search_document(participant=participant)
    enrolment, created = CapxEnrolment.objects.get_or_create(participant=participant, defaults=unmatched)
    if not created:
        enrolment.last_enrolled_at = timezone.now()
        enrolment.times += 1
        for field, text in unmatched.items():
            setattr(enrolment, field, text)
        enrolment.save()
    return f"LC-{secrets.token_hex(12)}", outcome, detail


def _email(value):
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        validate_email(value.strip())
    except ValidationError:
        return ""
    return value.strip()


def _find(*, username, email):
    """The participant CapX means: by Wikimedia username (a verified one first), else by a verified email address
    (whose account may not have a profile yet: one is made for it)."""
    by_username = (
        Participant.objects.select_for_update()
        .filter(Q(wikimedia_username=username) | Q(wikimedia_username__iexact=username), user__is_active=True)
        .order_by("-wikimedia_username_verified", "pk")
        .first()
    )
    if by_username is not None:
        return by_username, "Wikimedia username"
    if email:
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=True, user__is_active=True)
            .select_related("user")
            .first()
        )
        if address is not None:
            participant = Participant.objects.filter(user=address.user).first()
            if participant is None:
                participant = Participant.objects.create(user=address.user, display_name=address.user.username)
            return participant, "verified email"
    return None, ""


def _create(*, username, email, full_name):
    """A new account for the person: no password (they sign in with Wikimedia, or set one by "forgot password")."""
    taken = bool(email) and (
        EmailAddress.objects.filter(email__iexact=email).exists() or User.objects.filter(email__iexact=email).exists()
    )
    user = User(
        username=get_adapter().generate_unique_username([username, email, "capx"]), email="" if taken else email
    )
    user.set_unusable_password()
    user.save()
    if user.email:
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    name = full_name.strip()[:100] if isinstance(full_name, str) and full_name.strip() else username
    # CapX knows the username from the person's own Wikimedia sign-in there: it is verified.
    return Participant.objects.create(
        user=user, display_name=name, wikimedia_username=username, wikimedia_username_verified=True
    )


def _fill_blanks(participant, *, username, answered):
    """Set what the participant has left empty from CapX's answers. Returns the free text that matched nothing,
    and whether anything changed."""
    role, role_text = answers.role(answered.get("role"))
    areas, area_text = answers.areas(answered.get("area"))
    gender, gender_words = answers.gender(answered.get("gender"))
    age_range = answers.age_range(answered.get("age"))
    changed = []
    for field, value in (("role", role), ("areas_of_work", areas), ("gender", gender), ("age_range", age_range)):
        if value and not getattr(participant, field):
            setattr(participant, field, value)
            changed.append(field)
            if field == "gender" and gender_words and not participant.gender_self_description:
                participant.gender_self_description = gender_words
                changed.append("gender_self_description")
    if not participant.wikimedia_username:
        participant.wikimedia_username, participant.wikimedia_username_verified = username, True
        changed += ["wikimedia_username", "wikimedia_username_verified"]
    if changed:
        participant.save(update_fields=[*changed, "updated_at"])
    return {"role_text": role_text[:300], "area_text": area_text[:300]}, bool(changed)
