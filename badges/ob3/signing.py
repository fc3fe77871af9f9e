"""VC-JWT (Open Badges 3.0, section 8.2): the JWT payload is the credential itself, with the registered claims
that repeat it: `iss` = issuer id, `jti` = credential id, `sub` = credentialSubject id (when there is one),
`nbf` = validFrom and `exp` = validUntil as NumericDate. The header names the key by `kid`, a URL of its JWK."""

from datetime import datetime

import jwt

from . import documents, keys

MEDIA_TYPE = "application/vc+ld+json+jwt"


def _numeric_date(value):
    return int(datetime.fromisoformat(value).timestamp())


def claims(document):
    issuer = document["issuer"]
    registered = {
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": document["id"],
        "nbf": _numeric_date(document["validFrom"]),
    }
    subject_id = document["credentialSubject"].get("id")
    if subject_id:
        registered["sub"] = subject_id
    if "validUntil" in document:
        registered["exp"] = _numeric_date(document["validUntil"])
    return {**document, **registered}


def sign(document, key):
    return jwt.encode(claims(document), key.private, algorithm=key.algorithm, headers={"kid": key.kid, "typ": "JWT"})


def signed_award(award, algorithm=None):
    """The award's credential as a compact JWS, or None when no key (for `algorithm`) is configured."""
    key = keys.signing_key(algorithm)
    return None if key is None else sign(documents.award_credential(award), key)


def signed_certificate(certificate, algorithm=None):
    key = keys.signing_key(algorithm)
    return None if key is None else sign(documents.certificate_credential(certificate), key)


def signed_status_list(kind, number, algorithm=None):
    key = keys.signing_key(algorithm)
    return None if key is None else sign(documents.status_list_credential(kind, number), key)
