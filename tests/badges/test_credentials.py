"""Open Badges 3.0: an award as an OpenBadgeCredential signed with the issuer's Ed25519 key (VC-JWT)."""

import hashlib

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from badges import services
from badges.models import BadgeClass
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def signing_key(settings):
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    settings.BADGES_SIGNING_KEY = pem.decode()
    return key


@pytest.fixture
def award():
    return services.award_manually(
        badge=BadgeClass.objects.get(slug="mentor"),
        participant=ParticipantFactory(user__email="kofi@example.org"),
        by=None,
        reason="Mentored two organisers",
        notify=False,
    )


def test_the_signed_credential_verifies_with_the_published_key_and_names_the_achievement(client, signing_key, award):
    token = client.get(f"/badges/assertions/{award.uuid}.jwt")
    published = client.get("/badges/issuer/jwks.json").json()["keys"][0]

    header = jwt.get_unverified_header(token.content.decode())
    claims = jwt.decode(token.content.decode(), jwt.PyJWK(published).key, algorithms=["EdDSA"])
    credential = claims["vc"]
    identifier = credential["credentialSubject"]["identifier"][0]
    assert token["Content-Type"] == "application/vc+ld+json+jwt"
    assert (header["alg"], header["kid"]) == ("EdDSA", f"{SITE}/badges/issuer/jwks.json#key-1")
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert (claims["iss"], claims["jti"]) == (f"{SITE}/badges/issuer.json", f"urn:uuid:{award.uuid}")
    assert credential["credentialSubject"]["achievement"]["name"] == "Mentor"
    expected = "sha256$" + hashlib.sha256(f"kofi@example.org{identifier['salt']}".encode()).hexdigest()
    assert identifier["identityHash"] == expected
    assert "kofi@example.org" not in token.content.decode()


def test_a_credential_signed_by_another_key_does_not_verify(client, signing_key, award, settings):
    token = client.get(f"/badges/assertions/{award.uuid}.jwt").content.decode()
    other = Ed25519PrivateKey.generate().public_key()

    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, other, algorithms=["EdDSA"])


def test_without_a_key_there_is_no_credential_and_a_revoked_award_answers_gone(client, award, settings):
    settings.BADGES_SIGNING_KEY = ""
    missing = [
        client.get(url).status_code for url in (f"/badges/assertions/{award.uuid}.jwt", "/badges/issuer/jwks.json")
    ]
    services.revoke(award=award, reason="Mistake")
    settings.BADGES_SIGNING_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )

    revoked = client.get(f"/badges/assertions/{award.uuid}.jwt")

    assert missing == [404, 404]
    assert (revoked.status_code, revoked.json()["revoked"]) == (410, True)
