"""Fixtures of the API's tests: a CapX signing key of our own making, tokens, and requests with them."""

import json
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache

from api import services as token_services


def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(private_key):
    return (
        private_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


@pytest.fixture(scope="session")
def capx_private_key():
    """The key CapX signs with (CapX keeps it as a PEM file and loads it with `cryptography`)."""
    return _rsa_key()


@pytest.fixture(scope="session")
def stranger_private_key():
    return _rsa_key()


@pytest.fixture
def capx_configured(settings, capx_private_key):
    """This site holds CapX's public key."""
    settings.CAPX_PUBLIC_KEY = public_pem(capx_private_key)
    return settings


def capx_claims(**changes):
    """The claims as CapX builds them: `timestamp` null (its serializer overwrites the integer), `age` an integer,
    free-text role, area (the areas chosen, joined by commas) and gender."""
    claims = {
        "user": "Amina Wiki",
        "timestamp": None,
        "nonce": str(uuid.uuid4()),
        "full_name": "Amina Yusuf",
        "email": "amina@example.org",
        "role": "Volunteer staff of an affiliate or user group",
        "area": "Education, Open Technology, Citizen science",
        "gender": "Woman",
        "age": 30,
    }
    return claims | changes


def capx_token(private_key, **changes):
    return jwt.encode(capx_claims(**changes), private_key, algorithm="RS256")


def enrol(client, body, **headers):
    """POST `body` (a dict sent as JSON, or raw bytes) to the enrolment endpoint, as CapX's `requests.post` does."""
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post("/api/v1/capx/enrol/", data=data, content_type="application/json", **headers)


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Request limits count in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def bearer():
    """`bearer(participant)`: the headers of a request with a new personal access token of theirs."""

    def make(participant, name="script"):
        _token, secret = token_services.create_token(user=participant.user, name=name)
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


@pytest.fixture
def liaison_user():
    from django.contrib.auth.models import Group

    from participants.liaisons import LIAISON_GROUP
    from tests.factories import UserFactory

    user = UserFactory(username="liaison", email="host@letsconnect.example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=LIAISON_GROUP))
    return user
