"""The JWT CapX posts: RS256 with CapX's public key and nothing else, a fresh nonce, a timestamp (when there is one)
within the window. Every refusal says which check failed, never what the token held."""

import math
import time
import uuid
from dataclasses import dataclass

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from django.conf import settings

from ..models import CapxEnrolmentLog

Outcome = CapxEnrolmentLog.Outcome
ALGORITHM = "RS256"


@dataclass
class Refused(Exception):
    """A request the endpoint does not act on: its outcome (for the log), HTTP status and message (for CapX)."""

    outcome: str
    status: int
    message: str
    detail: str = ""


def clock():
    """Seconds since the epoch, now (tests set it)."""
    return time.time()


def public_key():
    """CapX's RSA public key from CAPX_PUBLIC_KEY; Refused (503) when there is none or it is not one."""
    pem = settings.CAPX_PUBLIC_KEY.strip()
    if not pem:
        raise Refused(Outcome.NOT_CONFIGURED, 503, "Enrolment from CapX is not configured on this site.")
    try:
        key = load_pem_public_key(pem.encode())
    except ValueError as error:
        raise Refused(
            Outcome.NOT_CONFIGURED, 503, "Enrolment from CapX is not configured on this site.", "key unreadable"
        ) from error
    if not isinstance(key, RSAPublicKey):
        raise Refused(Outcome.NOT_CONFIGURED, 503, "Enrolment from CapX is not configured on this site.", "not RSA")
    return key


def claims(token, *, key, now=None):
    """The verified claims of `token`, or Refused. The nonce is not spent here (see services.enrol)."""
    if not isinstance(token, str) or not token.strip():
        raise Refused(Outcome.BAD_BODY, 400, "The body must be a JSON object with a token.", "no token")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as error:
        raise Refused(Outcome.BAD_TOKEN, 400, "The token is not a well-formed JWT.") from error
    if header.get("alg") != ALGORITHM:
        raise Refused(
            Outcome.BAD_SIGNATURE, 401, "The token must be signed with RS256.", f"alg {header.get('alg')!s:.20}"
        )
    try:
        payload = jwt.decode(token, key=key, algorithms=[ALGORITHM], options={"verify_aud": False})
    except jwt.InvalidSignatureError as error:
        raise Refused(Outcome.BAD_SIGNATURE, 401, "The token's signature does not match CapX's key.") from error
    except jwt.DecodeError as error:
        raise Refused(Outcome.BAD_TOKEN, 400, "The token is not a well-formed JWT.") from error
    except jwt.InvalidTokenError as error:
        raise Refused(Outcome.BAD_CLAIMS, 400, "The token's claims are not valid.", type(error).__name__) from error
    if not isinstance(payload, dict):
        raise Refused(Outcome.BAD_CLAIMS, 400, "The token's claims are not valid.", "not an object")
    _check_timestamp(payload.get("timestamp"), now=clock() if now is None else now)
    payload["nonce"] = _nonce(payload.get("nonce"))
    username = payload.get("user")
    if not isinstance(username, str) or not username.strip() or len(username) > 85:
        raise Refused(Outcome.BAD_CLAIMS, 400, "The token must name the Wikimedia user.", "user")
    return payload


def _check_timestamp(timestamp, *, now):
    """A missing or null timestamp is accepted: CapX sends null, and the nonce alone stops replays."""
    if timestamp is None:
        return
    if isinstance(timestamp, bool) or not isinstance(timestamp, int | float) or not math.isfinite(timestamp):
        raise Refused(Outcome.BAD_CLAIMS, 400, "The token's timestamp must be a number of seconds.", "timestamp")
    if abs(now - timestamp) > settings.CAPX_TIMESTAMP_WINDOW_SECONDS:
        raise Refused(Outcome.STALE, 400, "The token's timestamp is too far from now.")


def _nonce(value):
    try:
        nonce = uuid.UUID(str(value))
    except ValueError as error:
        raise Refused(Outcome.BAD_CLAIMS, 400, "The token's nonce must be a UUID.", "nonce") from error
    if value is None or nonce.version != 4:
        raise Refused(Outcome.BAD_CLAIMS, 400, "The token's nonce must be a UUID.", "nonce")
    return nonce
