"""Checking a credential someone brings (the public verify page): is it ours, untouched, current and not revoked?

Written from the specification's verification of a VC-JWT (Open Badges 3.0, section 8.2): the JWT's signature
under the issuer key its `kid` names, the registered claims against the credential, the issuer, the validity
window, and the `credentialStatus` bit. Each check is reported on its own, so a person
sees why a credential fails, not only that it does."""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

import jwt
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from . import documents, keys, status


class Check:
    SIGNATURE = "signature"
    ISSUER = "issuer"
    FORMAT = "format"
    VALIDITY = "validity"
    STATUS = "status"
    RECIPIENT = "recipient"


@dataclass
class Outcome:
    """What the page shows: each check with True (passed) / False (failed) and a code saying why, and what the
    credential says once its signature is known to be ours."""

    checks: dict = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)
    credential: dict | None = None
    key: keys.IssuerKey | None = None

    def fail(self, check, reason):
        self.checks[check] = False
        self.reasons[check] = reason
        return self

    @property
    def genuine(self):
        return bool(self.checks) and all(self.checks.values())

    @property
    def revoked(self):
        return self.reasons.get(Check.STATUS) == "revoked"

    @property
    def expired(self):
        return self.reasons.get(Check.VALIDITY) == "expired"


def parse_moment(value):
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _status_revoked(entry):
    """True/False for an entry of one of our lists; None when the entry is not ours or is malformed."""
    url = entry.get("statusListCredential", "") if isinstance(entry, dict) else ""
    prefix = settings.SITE_URL
    if not url.startswith(prefix):
        return None
    try:
        match = resolve(url[len(prefix) :])
        index = int(entry.get("statusListIndex"))
    except (Resolver404, TypeError, ValueError):
        return None
    if match.view_name != "badges_api:status_list" or match.kwargs["kind"] not in status.KINDS:
        return None
    if status.list_number(index) != match.kwargs["number"]:
        return None
    return status.is_revoked(match.kwargs["kind"], index)


def _claims_agree(payload):
    issuer = payload.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = payload.get("credentialSubject") if isinstance(payload.get("credentialSubject"), dict) else {}
    types = {name for name in payload.get("type") or [] if isinstance(name, str)}
    return (
        "VerifiableCredential" in types
        and bool(types & {"OpenBadgeCredential", "AchievementCredential"})
        and isinstance(payload.get("@context"), list)
        and payload.get("@context", [None])[:1] == [documents.VC_CONTEXT]
        and payload.get("iss") == issuer_id
        and payload.get("jti") == payload.get("id")
        and payload.get("sub") == subject.get("id")
        and isinstance(payload.get("nbf"), int)
        and isinstance(payload.get("validFrom"), str)
        and isinstance(subject.get("achievement"), dict)
    )


def verify(token, *, email="", now=None):
    """Check `token` (a compact VC-JWT). `email`, when given, is compared with the hashed recipient."""
    now = now or timezone.now()
    outcome = Outcome()
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return outcome.fail(Check.FORMAT, "not-jwt")
    key = keys.key_by_kid(header.get("kid"))
    if key is None:
        return outcome.fail(Check.ISSUER, "unknown-key")
    if header.get("alg") != key.algorithm:
        return outcome.fail(Check.SIGNATURE, "algorithm")
    try:
        payload = jwt.decode(
            token, key.public, algorithms=[key.algorithm], options={"verify_exp": False, "verify_nbf": False}
        )
    except jwt.InvalidSignatureError:
        return outcome.fail(Check.SIGNATURE, "invalid")
    except jwt.InvalidTokenError:
        return outcome.fail(Check.FORMAT, "not-jwt")
    outcome.checks[Check.SIGNATURE] = True
    outcome.key = key
    if not isinstance(payload, dict) or not _claims_agree(payload):
        return outcome.fail(Check.FORMAT, "claims")
    outcome.checks[Check.FORMAT] = True
    outcome.credential = payload
    if payload["iss"] != documents.profile_id():
        return outcome.fail(Check.ISSUER, "other-issuer")
    outcome.checks[Check.ISSUER] = True
    _check_validity(outcome, payload, now)
    _check_status(outcome, payload.get("credentialStatus"))
    if email.strip():
        _check_recipient(outcome, payload["credentialSubject"], email)
    return outcome


def _check_validity(outcome, payload, now):
    try:
        starts = parse_moment(payload["validFrom"])
        ends = parse_moment(payload["validUntil"]) if payload.get("validUntil") else None
    except (TypeError, ValueError):
        outcome.fail(Check.VALIDITY, "dates")
        return
    if starts > now:
        outcome.fail(Check.VALIDITY, "not-yet")
    elif ends is not None and ends <= now:
        outcome.fail(Check.VALIDITY, "expired")
    else:
        outcome.checks[Check.VALIDITY] = True


def _check_status(outcome, entries):
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    if not entries:
        outcome.fail(Check.STATUS, "no-status")
        return
    answers = [_status_revoked(entry) for entry in entries]
    if None in answers:
        outcome.fail(Check.STATUS, "unknown-list")
    elif any(answers):
        outcome.fail(Check.STATUS, "revoked")
    else:
        outcome.checks[Check.STATUS] = True


def _check_recipient(outcome, subject, email):
    for identity in subject.get("identifier") or []:
        if not isinstance(identity, dict) or identity.get("identityType") != "emailAddress":
            continue
        salt = identity.get("salt") or ""
        digest = "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
        if identity.get("identityHash") == digest:
            outcome.checks[Check.RECIPIENT] = True
            return
    outcome.fail(Check.RECIPIENT, "other-email")
