"""Open Badges 3.0: an award as an `OpenBadgeCredential` (a W3C verifiable credential) signed as a JWT (VC-JWT)
with the issuer's Ed25519 key (`BADGES_SIGNING_KEY`, PEM, from the environment). Without a key, OB 3.0 is off
and Open Badges 2.0 hosted verification remains. Spec: https://www.imsglobal.org/spec/ob/v3p0/"""

import base64
import functools

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .openbadges import _url, issuer_id

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
MEDIA_TYPE = "application/vc+ld+json+jwt"


@functools.cache
def _private_key(pem):
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("BADGES_SIGNING_KEY must be an Ed25519 private key (PEM).")
    return key


def signing_key():
    return _private_key(settings.BADGES_SIGNING_KEY) if settings.BADGES_SIGNING_KEY else None


def key_id():
    return settings.SITE_URL + reverse("badges_api:jwks") + "#key-1"


def jwks():
    """The issuer's public key as a JSON Web Key Set, for verifiers."""
    key = signing_key()
    if key is None:
        return None
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    return {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": public, "kid": key_id(), "use": "sig", "alg": "EdDSA"}]}


def credential(award):
    badge = award.badge
    issued = award.awarded_at.isoformat()
    with translation.override("en"):
        return {
            "@context": CONTEXTS,
            "id": f"urn:uuid:{award.uuid}",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": issuer_id(), "type": ["Profile"], "name": "Let's Connect", "url": settings.SITE_URL + "/"},
            "validFrom": issued,
            "name": badge.name_en,
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": [
                    {
                        "type": "IdentityObject",
                        "identityType": "emailAddress",
                        "hashed": True,
                        "identityHash": award.recipient_identity,
                        "salt": award.recipient_salt,
                    }
                ],
                "achievement": {
                    "id": _url("badges_api:badge_class", slug=badge.slug),
                    "type": ["Achievement"],
                    "name": badge.name_en,
                    "description": badge.description_en,
                    "criteria": {"id": settings.SITE_URL + badge.get_absolute_url(), "narrative": badge.criteria_en},
                    "image": {"id": _url("badges_api:badge_image", slug=badge.slug), "type": "Image"},
                },
            },
        }


def signed(award):
    """The credential as a compact JWS (VC-JWT), or None when no signing key is configured."""
    key = signing_key()
    if key is None:
        return None
    document = credential(award)
    claims = {
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(award.awarded_at.timestamp()),
        "sub": award.recipient_identity,
        "vc": document,
    }
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": key_id(), "typ": "JWT"})
