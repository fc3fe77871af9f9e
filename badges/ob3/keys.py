"""The issuer's keys, from the environment: `BADGES_RSA_SIGNING_KEY` (RS256, the algorithm every Open Badges 3.0
verifier supports), `BADGES_SIGNING_KEY` (Ed25519, EdDSA), and `BADGES_RETIRED_PUBLIC_KEYS` (public keys of
earlier signing keys, still published so that credentials they signed keep verifying after a rotation).

Each key is named by its RFC 7638 thumbprint; its `kid` is the address of its JWK, so a new key gets a new
name and verifiers find the right one in the issuer's JWKS."""

import functools
import hashlib
import json
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey
from django.conf import settings
from django.urls import reverse
from jwt.algorithms import OKPAlgorithm, RSAAlgorithm
from jwt.utils import base64url_encode

RS256, EDDSA = "RS256", "EdDSA"
ALGORITHMS = (RS256, EDDSA)  # in order of preference
MIN_RSA_BITS = 2048
_PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z ]+)-----.+?-----END \1-----", re.DOTALL)


class UnusableKey(ValueError):
    """A key in the environment that cannot be used (wrong type, too short, not PEM)."""


@dataclass(frozen=True)
class IssuerKey:
    algorithm: str
    public: object
    private: object = None

    @functools.cached_property
    def jwk(self):
        """The public key as a JWK, with its `kid`, `alg` and `use`."""
        if self.algorithm == RS256:
            jwk = RSAAlgorithm.to_jwk(self.public, as_dict=True)
        else:
            jwk = OKPAlgorithm.to_jwk(self.public, as_dict=True)
        return {**jwk, "kid": key_url(self.thumbprint), "alg": self.algorithm, "use": "sig"}

    @functools.cached_property
    def thumbprint(self):
        """RFC 7638: SHA-256 of the required members of the JWK, in lexicographic order, without spaces."""
        if self.algorithm == RS256:
            jwk = RSAAlgorithm.to_jwk(self.public, as_dict=True)
            required = {name: jwk[name] for name in ("e", "kty", "n")}
        else:
            jwk = OKPAlgorithm.to_jwk(self.public, as_dict=True)
            required = {name: jwk[name] for name in ("crv", "kty", "x")}
        canonical = json.dumps(required, sort_keys=True, separators=(",", ":")).encode()
        return base64url_encode(hashlib.sha256(canonical).digest()).decode()

    @property
    def kid(self):
        return self.jwk["kid"]

    @property
    def public_pem(self):
        return self.public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_url(thumbprint):
    return settings.SITE_URL + reverse("badges_api:key", kwargs={"thumbprint": thumbprint})


def _algorithm_of(key):
    if isinstance(key, RSAPrivateKey | RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise UnusableKey(f"An RSA signing key needs at least {MIN_RSA_BITS} bits (this one has {key.key_size}).")
        return RS256
    if isinstance(key, Ed25519PrivateKey | Ed25519PublicKey):
        return EDDSA
    raise UnusableKey("Open Badges keys must be RSA (RS256) or Ed25519 (EdDSA).")


@functools.cache
def _private(pem, algorithm, setting):
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except ValueError as error:
        raise UnusableKey(f"{setting} is not a PEM private key without a passphrase.") from error
    if _algorithm_of(key) != algorithm:
        expected = "an Ed25519" if algorithm == EDDSA else "an RSA"
        raise UnusableKey(f"{setting} must be {expected} private key (PEM).")
    return IssuerKey(algorithm=algorithm, public=key.public_key(), private=key)


@functools.cache
def _retired(pems):
    keys = []
    for block in _PEM_BLOCK.finditer(pems):
        try:
            public = serialization.load_pem_public_key(block.group(0).encode())
        except ValueError as error:
            raise UnusableKey("BADGES_RETIRED_PUBLIC_KEYS holds a block that is not a PEM public key.") from error
        keys.append(IssuerKey(algorithm=_algorithm_of(public), public=public))
    return tuple(keys)


def signing_keys():
    """The keys that sign today, by algorithm (empty when none is configured: Open Badges 3.0 is then off)."""
    found = {}
    if settings.BADGES_RSA_SIGNING_KEY:
        found[RS256] = _private(settings.BADGES_RSA_SIGNING_KEY, RS256, "BADGES_RSA_SIGNING_KEY")
    if settings.BADGES_SIGNING_KEY:
        found[EDDSA] = _private(settings.BADGES_SIGNING_KEY, EDDSA, "BADGES_SIGNING_KEY")
    return found


def signing_key(algorithm=None):
    """The key for `algorithm`, or the preferred one (RS256, then EdDSA); None when there is no such key."""
    keys = signing_keys()
    if algorithm is not None:
        return keys.get(algorithm)
    return next((keys[name] for name in ALGORITHMS if name in keys), None)


def published_keys():
    """Every key a verifier may meet: today's signing keys, then the retired ones."""
    current = list(signing_keys().values())
    retired = [key for key in _retired(settings.BADGES_RETIRED_PUBLIC_KEYS) if key.kid not in {k.kid for k in current}]
    return current + retired


def key_by_thumbprint(thumbprint):
    return next((key for key in published_keys() if key.thumbprint == thumbprint), None)


def key_by_kid(kid):
    return next((key for key in published_keys() if key.kid == kid), None)


def jwks():
    """The JSON Web Key Set of every published key, or None when Open Badges 3.0 is off."""
    keys = published_keys()
    return {"keys": [key.jwk for key in keys]} if signing_keys() else None


def configuration_errors():
    """Why the configured keys cannot be used (for the system check), or an empty list."""
    try:
        signing_keys()
        _retired(settings.BADGES_RETIRED_PUBLIC_KEYS)
    except UnusableKey as error:
        return [str(error)]
    return []
