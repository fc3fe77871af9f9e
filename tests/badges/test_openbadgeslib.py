"""Our Open Badges 3.0 credentials as an independent verifier sees them: openbadgeslib (PyPI, pinned in
requirements-dev.txt) checks the signature with the key the issuer publishes, the structure and registered claims
(section 8.2), the validity window, and the revocation list, fetched from the site as a verifier would."""

from datetime import timedelta

import jwt
import pytest
from django.utils import timezone
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier

from badges import certificate_services, services
from badges.models import Award, BadgeClass
from tests.factories import CertificateFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
PROFILE = f"{SITE}/badges/issuer/profile.json"
ALGORITHMS = ["RS256", "EdDSA"]


def fetcher(client):
    """openbadgeslib's download hook, answered by the site (the library fetches status lists over HTTPS)."""

    def download(url):
        assert url.startswith(SITE), url
        response = client.get(url.removeprefix(SITE))
        assert response.status_code == 200, url
        return response.content

    return download


def verifier_for(client, token):
    """A verifier holding the public key the token's `kid` names, fetched from the issuer's JWKS."""
    kid = jwt.get_unverified_header(token)["kid"]
    keys = {key["kid"]: key for key in client.get("/badges/issuer/jwks.json").json()["keys"]}
    return OB3Verifier(pubkey_pem=jwt.PyJWK(keys[kid]).key)


def verify(client, token, algorithm):
    """Verify `token` with openbadgeslib, status included. The status list is signed by the issuer's preferred key
    (RS256); the library checks a list's signature only with the key that verified the credential, so for an EdDSA
    credential the list's own signature is checked here, by its `kid`, with the published JWKS."""
    download = fetcher(client)
    verifier = verifier_for(client, token)
    credential = verifier.verify(token, check_status=True, verify_status_list=algorithm == "RS256", download=download)
    if algorithm != "RS256":
        for entry in credential.credential_status:
            listed = download(entry["statusListCredential"]).decode()
            verifier_for(client, listed)._decode_payload(listed)
    return credential


@pytest.fixture
def participant():
    return ParticipantFactory(
        user__email="kofi@example.org", wikimedia_username="Kofi", wikimedia_username_verified=True
    )


def award_of(participant, slug="mentor"):
    return services.award_manually(
        badge=BadgeClass.objects.get(slug=slug), participant=participant, by=None, reason="Mentored", notify=False
    )


def credential_token(client, award, algorithm):
    return client.get(f"/badges/assertions/{award.uuid}.jwt?alg={algorithm}").content.decode()


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_live_award_verifies(client, issuer_keys, participant, algorithm):
    award = award_of(participant)

    credential = verify(client, credential_token(client, award, algorithm), algorithm)

    assert (credential.id, credential.issuer.id, credential.issuer.name) == (
        f"urn:uuid:{award.uuid}",
        PROFILE,
        "Let's Connect",
    )
    assert (credential.achievement.name, credential.achievement.image_url) == (
        "Mentor",
        f"{SITE}/badges/classes/mentor.png",
    )
    assert credential.recipient_id == "https://meta.wikimedia.org/wiki/User:Kofi"
    assert credential.identifiers[0].identity_hash == award.recipient_identity


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_an_expired_award_is_rejected_as_expired(client, issuer_keys, participant, algorithm):
    award = award_of(participant)
    Award.objects.filter(pk=award.pk).update(
        awarded_at=timezone.now() - timedelta(days=400), expires_at=timezone.now() - timedelta(days=35)
    )
    award.refresh_from_db()
    token = credential_token(client, award, algorithm)

    with pytest.raises(OB3VerificationError, match="expired"):
        verify(client, token, algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_revoked_award_fails_its_status_check(client, issuer_keys, participant, algorithm):
    award = award_of(participant)
    token = credential_token(client, award, algorithm)  # the holder kept a copy
    verify(client, token, algorithm)

    services.revoke(award=award, reason="Given by mistake")

    with pytest.raises(OB3VerificationError, match=f"'revocation' is set at index {award.status_index}"):
        verify(client, token, algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_credential_altered_after_signing_is_rejected(client, issuer_keys, participant, algorithm):
    token = credential_token(client, award_of(participant), algorithm)
    other = credential_token(client, award_of(participant, "ambassador"), algorithm)
    header, _payload, signature = token.split(".")

    with pytest.raises(OB3VerificationError, match="Invalid signature"):
        verify(client, f"{header}.{other.split('.')[1]}.{signature}", algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_baked_png_and_svg_badges_hold_a_credential_that_verifies(client, participant, issuer_keys, algorithm):
    award = award_of(participant)
    client.force_login(participant.user)

    png = client.get(f"/badges/assertions/{award.uuid}.ob3.png?alg={algorithm}")
    svg = client.get(f"/badges/assertions/{award.uuid}.ob3.svg?alg={algorithm}")

    from_png = OB3Verifier.extract_token_from_png(png.content)
    from_svg = OB3Verifier.extract_token_from_svg(svg.content)
    assert (png["Content-Type"], svg["Content-Type"]) == ("image/png", "image/svg+xml")
    assert jwt.get_unverified_header(from_png)["alg"] == algorithm
    assert verify(client, from_png, algorithm).id == verify(client, from_svg, algorithm).id == f"urn:uuid:{award.uuid}"


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_certificate_credential_verifies_until_the_certificate_is_revoked(client, issuer_keys, algorithm):
    certificate = CertificateFactory(status_index=1234, recipient_identity="sha256$" + "0" * 64)
    token = client.get(f"/badges/certificates/{certificate.uuid}.jwt?alg={algorithm}").content.decode()

    credential = verify(client, token, algorithm)
    certificate_services.revoke_certificate(certificate=certificate, reason="Wrong person")

    assert (credential.achievement.name, credential.achievement.achievement_type) == (
        "Certificate of participation",
        "Certificate",
    )
    assert [evidence.name for evidence in credential.evidence] == ["Writing grant reports"]
    assert client.get(f"/badges/certificates/{certificate.uuid}.jwt").status_code == 410
    with pytest.raises(OB3VerificationError, match="'revocation' is set at index 1234"):
        verify(client, token, algorithm)
