"""Open Badges 3.0 credentials as the specification defines them (VC-JWT, section 8.2): the payload is the
credential, its registered claims repeat it; the issuer's Profile and keys; the revocation lists; key rotation."""

import base64
import gzip
import hashlib

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.checks import run_checks

from badges import certificate_services, services
from badges.models import Award, BadgeClass
from badges.ob3 import status
from clinics.models import Clinic
from tests.factories import AttendanceFactory, CertificateFactory, ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
PROFILE = f"{SITE}/badges/issuer/profile.json"


@pytest.fixture
def award():
    return services.award_manually(
        badge=BadgeClass.objects.get(slug="mentor"),
        participant=ParticipantFactory(user__email="kofi@example.org"),
        by=None,
        reason="Mentored two organisers",
        notify=False,
    )


def _token(client, award, algorithm):
    response = client.get(f"/badges/assertions/{award.uuid}.jwt?alg={algorithm}")
    assert (response.status_code, response["Content-Type"]) == (200, "application/vc+ld+json+jwt")
    return response.content.decode()


def _verified(client, token):
    """The payload, verified with the JWK the token's `kid` dereferences to (as a verifier does)."""
    header = jwt.get_unverified_header(token)
    assert header["kid"].startswith(SITE)
    jwk = client.get(header["kid"].removeprefix(SITE)).json()
    return header, jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=[jwk["alg"]])


@pytest.mark.parametrize("algorithm", ["RS256", "EdDSA"])
def test_the_jwt_payload_is_the_credential_and_its_claims_repeat_it(client, issuer_keys, award, algorithm):
    header, payload = _verified(client, _token(client, award, algorithm))

    assert (header["alg"], header["typ"]) == (algorithm, "JWT")
    assert "vc" not in payload
    assert payload["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert (payload["iss"], payload["issuer"]["id"]) == (PROFILE, PROFILE)
    assert (payload["jti"], payload["id"]) == (f"urn:uuid:{award.uuid}", f"urn:uuid:{award.uuid}")
    assert payload["validFrom"] == award.awarded_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert payload["nbf"] == int(award.awarded_at.timestamp())
    assert ("sub" in payload, "id" in payload["credentialSubject"], "exp" in payload) == (False, False, False)


def test_the_subject_is_the_hashed_email_and_the_achievement_has_criteria_and_image(client, issuer_keys, award):
    _header, payload = _verified(client, _token(client, award, "RS256"))
    subject = payload["credentialSubject"]

    identifier = subject["identifier"][0]
    assert identifier == {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": award.recipient_identity,
        "salt": award.recipient_salt,
    }
    assert subject["achievement"] == {
        "id": f"{SITE}/badges/classes/mentor.json",
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": "Mentor",
        "description": BadgeClass.objects.get(slug="mentor").description_en,
        "criteria": {"id": f"{SITE}/en/badges/mentor/", "narrative": BadgeClass.objects.get(slug="mentor").criteria_en},
        "image": {"id": f"{SITE}/badges/classes/mentor.png", "type": "Image"},
    }
    assert payload["evidence"] == [{"type": ["Evidence"], "narrative": "Mentored two organisers"}]
    assert client.get("/badges/classes/mentor.png")["Content-Type"] == "image/png"
    assert "kofi@example.org" not in str(payload)


def test_a_verified_wikimedia_account_is_the_subject_id_and_the_sub_claim(client, issuer_keys):
    participant = ParticipantFactory(wikimedia_username="Amani Juma", wikimedia_username_verified=True)
    typed = ParticipantFactory(wikimedia_username="Typed By Hand", wikimedia_username_verified=False)
    badge = BadgeClass.objects.get(slug="mentor")
    verified_award = services.award_manually(badge=badge, participant=participant, by=None, reason="Yes")
    typed_award = services.award_manually(badge=badge, participant=typed, by=None, reason="Yes")

    _header, payload = _verified(client, _token(client, verified_award, "EdDSA"))
    _header, unverified = _verified(client, _token(client, typed_award, "EdDSA"))

    assert payload["credentialSubject"]["id"] == "https://meta.wikimedia.org/wiki/User:Amani_Juma"
    assert payload["sub"] == payload["credentialSubject"]["id"]
    assert ("sub" in unverified, "id" in unverified["credentialSubject"]) == (False, False)


def test_an_award_of_a_badge_valid_for_a_time_carries_valid_until_and_exp(client, issuer_keys):
    badge = BadgeClass.objects.get(slug="mentor")
    badge.valid_for_days = 365
    badge.save()
    award = services.award_manually(badge=badge, participant=ParticipantFactory(), by=None, reason="Yes")

    _header, payload = _verified(client, _token(client, award, "RS256"))

    assert (award.expires_at - award.awarded_at).days == 365
    assert payload["validUntil"] == award.expires_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert payload["exp"] == int(award.expires_at.timestamp())


def test_the_issuer_profile_publishes_its_keys_as_a_jwks_and_each_kid_dereferences_to_its_jwk(client, issuer_keys):
    profile = client.get("/badges/issuer/profile.json")
    jwks = client.get(profile.json()["jku"].removeprefix(SITE))

    assert profile.json() == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": PROFILE,
        "type": ["Profile"],
        "name": "Let's Connect",
        "url": f"{SITE}/",
        "email": "letsconnect@localhost",
        "description": "The Wikimedia movement's peer-learning program for organisers.",
        "jku": f"{SITE}/badges/issuer/jwks.json",
    }
    keys = jwks.json()["keys"]
    assert [(key["alg"], key["kty"], key["use"]) for key in keys] == [("RS256", "RSA", "sig"), ("EdDSA", "OKP", "sig")]
    assert [client.get(key["kid"].removeprefix(SITE)).json() for key in keys] == keys
    assert jwks["Access-Control-Allow-Origin"] == "*"


def test_the_status_list_sets_the_bit_of_a_revoked_award_and_no_other(client, issuer_keys, award):
    other = services.award_manually(
        badge=BadgeClass.objects.get(slug="ambassador"), participant=award.participant, by=None, reason="Yes"
    )
    _header, payload = _verified(client, _token(client, award, "RS256"))
    entry = payload["credentialStatus"]
    services.revoke(award=award, reason="Given by mistake")

    _header, status_list = _verified(
        client, client.get(entry["statusListCredential"].removeprefix(SITE)).content.decode()
    )

    encoded = status_list["credentialSubject"]["encodedList"]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))

    def bit(index):
        return bool(bits[index // 8] & (0x80 >> (index % 8)))

    assert (entry["type"], entry["statusPurpose"], entry["statusListIndex"]) == (
        "BitstringStatusListEntry",
        "revocation",
        str(award.status_index),
    )
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert (status_list["iss"], status_list["credentialSubject"]["statusPurpose"]) == (PROFILE, "revocation")
    assert len(bits) * 8 == status.LIST_SIZE
    assert (bit(award.status_index), bit(other.status_index)) == (True, False)


def test_every_award_draws_a_random_bit_of_its_own(issuer_keys):
    participant = ParticipantFactory()
    awards = [
        services.award_manually(badge=badge, participant=participant, by=None, reason="Yes")
        for badge in BadgeClass.objects.all()[:4]
    ]
    indexes = [award.status_index for award in awards]

    assert len(set(indexes)) == 4
    assert all(0 <= index < status.LIST_SIZE for index in indexes)
    assert Award.objects.filter(status_index=None).count() == 0


def test_a_revoked_certificate_is_set_in_the_certificates_list(client, issuer_keys):
    certificate = CertificateFactory(status_index=77)
    certificate_services.revoke_certificate(certificate=certificate, reason="Wrong person")

    _header, status_list = _verified(client, client.get("/badges/status/certificates/0.jwt").content.decode())

    assert status.revoked_bits("certificates", 0) == [77]
    assert status_list["credentialSubject"]["encodedList"] == status.encoded_list([77])
    assert client.get("/badges/status/certificates/1.jwt").status_code == 404
    assert client.get("/badges/status/nothing/0.jwt").status_code == 404


def test_a_credential_signed_before_a_rotation_still_verifies_by_its_retired_key(client, issuer_keys, award, settings):
    old_token = _token(client, award, "EdDSA")
    old_key = serialization.load_pem_private_key(issuer_keys["EdDSA"].encode(), password=None)
    settings.BADGES_SIGNING_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    settings.BADGES_RETIRED_PUBLIC_KEYS = (
        old_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )

    header, payload = _verified(client, old_token)
    new_header = jwt.get_unverified_header(_token(client, award, "EdDSA"))
    kids = [key["kid"] for key in client.get("/badges/issuer/jwks.json").json()["keys"]]

    assert payload["jti"] == f"urn:uuid:{award.uuid}"
    assert new_header["kid"] != header["kid"]
    assert kids == [kids[0], new_header["kid"], header["kid"]]


def test_without_keys_there_is_no_credential_and_a_revoked_award_answers_gone(client, award, settings, issuer_pems):
    settings.BADGES_SIGNING_KEY = settings.BADGES_RSA_SIGNING_KEY = ""
    missing = [
        client.get(url).status_code
        for url in (
            f"/badges/assertions/{award.uuid}.jwt",
            f"/badges/assertions/{award.uuid}.ob3.png",
            "/badges/issuer/jwks.json",
            "/badges/issuer/profile.json",
            "/badges/status/awards/0.jwt",
        )
    ]
    services.revoke(award=award, reason="Mistake")
    settings.BADGES_SIGNING_KEY = issuer_pems["EdDSA"]

    revoked = client.get(f"/badges/assertions/{award.uuid}.jwt")
    only_ed25519 = client.get(f"/badges/assertions/{award.uuid}.jwt?alg=RS256")

    assert missing == [404, 404, 404, 404, 404]
    assert (revoked.status_code, revoked.json()["revoked"]) == (410, True)
    assert only_ed25519.status_code == 410


def test_an_unknown_algorithm_is_refused_with_a_message(client, issuer_keys, award):
    response = client.get(f"/badges/assertions/{award.uuid}.jwt?alg=HS256")

    assert (response.status_code, response.content.decode()) == (400, "Unknown algorithm: ask for RS256 or EdDSA.")


def test_a_short_rsa_key_is_reported_by_the_system_check(settings):
    short = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 -- the weak key under test
    settings.BADGES_RSA_SIGNING_KEY = short.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()

    errors = [error for error in run_checks() if error.id == "badges.E001"]

    assert [error.msg for error in errors] == ["An RSA signing key needs at least 2048 bits (this one has 1024)."]


def test_a_certificate_offers_its_credential_beside_the_pdf_and_names_its_holder(client, issuer_keys):
    participant = ParticipantFactory(user__email="neema@example.org", display_name="Neema")
    AttendanceFactory(participant=participant, clinic=ClinicFactory(status=Clinic.Status.HELD, title="Grant reports"))
    certificate = certificate_services.issue_certificate(participant=participant, kind="participation", language="en")
    client.force_login(participant.user)

    mine = client.get("/en/profile/certificates/").content.decode()
    public = client.get(certificate.get_absolute_url()).content.decode()
    _header, payload = _verified(client, client.get(f"/badges/certificates/{certificate.uuid}.jwt").content.decode())

    link = f'href="/badges/certificates/{certificate.uuid}.jwt"'
    assert (link in mine, link in public) == (True, True)
    identifier = payload["credentialSubject"]["identifier"][0]
    expected = "sha256$" + hashlib.sha256(f"neema@example.org{identifier['salt']}".encode()).hexdigest()
    assert identifier["identityHash"] == expected
    assert payload["credentialStatus"]["statusListCredential"] == f"{SITE}/badges/status/certificates/0.jwt"
    assert payload["credentialStatus"]["statusListIndex"] == str(certificate.status_index)
    assert [evidence["name"] for evidence in payload["evidence"]] == ["Grant reports"]
