"""The public verify page: drop a badge image or paste a credential, see whether Let's Connect issued it, and why
not when it did not (changed, another key, expired, revoked), in the reader's language."""

import re
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from badges import services
from badges.models import Award, BadgeClass
from badges.ob3 import documents, signing
from letsconnect.dates import format_date
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def award():
    return services.award_manually(
        badge=BadgeClass.objects.get(slug="mentor"),
        participant=ParticipantFactory(user__email="kofi@example.org"),
        by=None,
        reason="Mentored two organisers",
        notify=False,
    )


def check(client, language="en", **data):
    response = client.post(f"/{language}/badges/verify/", data)
    return response, response.content.decode()


def lines(body):
    """The checks the page lists, as a reader sees them (the hidden "Passed:"/"Failed:" included)."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split())
        for item in re.findall(r"<li class=\"verify-checks__\w+\">(.*?)</li>", body)
    ]


def test_the_page_explains_itself_and_works_without_signing_in(client):
    response = client.get("/en/badges/verify/")

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


@pytest.mark.parametrize("algorithm", ["RS256", "EdDSA"])
def test_a_baked_badge_dropped_on_the_page_is_genuine(client, issuer_keys, award, algorithm):
    client.force_login(award.participant.user)
    png = client.get(f"/badges/assertions/{award.uuid}.ob3.png?alg={algorithm}").content
    client.logout()

    response, body = check(client, image=SimpleUploadedFile("badge.png", png, "image/png"), email="Kofi@Example.org")

    assert response.status_code == 200
    assert '<h2 id="verdict">Genuine</h2>' in body
    assert lines(body) == [
        "Passed: Content: an Open Badges 3.0 credential.",
        f"Passed: Signature: valid ({algorithm}, key {lines_key(client, algorithm)}).",
        "Passed: Issuer: Let’s Connect.",
        f"Passed: Validity: valid since {english_date(award.awarded_at)}.",
        "Passed: Status: not revoked.",
        "Passed: Holder: issued to this email address.",
    ]


def english_date(moment):
    with translation.override("en"):
        return format_date(moment)


def lines_key(client, algorithm):
    keys = client.get("/badges/issuer/jwks.json").json()["keys"]
    kid = next(key["kid"] for key in keys if key["alg"] == algorithm)
    return kid.rsplit("/", 1)[1].removesuffix(".json")[:12]


def test_a_baked_svg_is_read_too(client, issuer_keys, award):
    svg = client.get(f"/badges/assertions/{award.uuid}.ob3.svg").content

    _response, body = check(client, image=SimpleUploadedFile("badge.svg", svg, "image/svg+xml"))

    assert '<h2 id="verdict">Genuine</h2>' in body


def test_a_pasted_credential_of_a_revoked_award_says_revoked_in_arabic(client, issuer_keys, award):
    token = client.get(f"/badges/assertions/{award.uuid}.jwt").content.decode()
    services.revoke(award=award, reason="Given by mistake")

    _response, body = check(client, "ar", credential=f"  {token[:40]}\n{token[40:]}  ")

    assert '<h2 id="verdict">مسحوبة</h2>' in body
    assert lines(body)[-1] == "فشل: الحالة: سحبها Let’s Connect."


def test_an_expired_award_says_expired_and_when(client, issuer_keys, award):
    Award.objects.filter(pk=award.pk).update(
        awarded_at=timezone.now() - timedelta(days=400), expires_at=timezone.now() - timedelta(days=35)
    )
    award.refresh_from_db()

    _response, body = check(client, credential=signing.signed_award(award))

    assert '<h2 id="verdict">Expired</h2>' in body
    assert f"Failed: Validity: expired on {english_date(award.expires_at)}." in lines(body)


def test_a_changed_credential_fails_its_signature(client, issuer_keys, award):
    header, _payload, signature = signing.signed_award(award).split(".")
    document = documents.award_credential(award) | {"name": "Ambassador"}
    forged = signing.claims(document)
    forged_payload = jwt.encode(forged, "x" * 32, algorithm="HS256").split(".")[1]

    _response, body = check(client, credential=f"{header}.{forged_payload}.{signature}")

    assert '<h2 id="verdict">Not valid</h2>' in body
    assert lines(body) == ["Failed: Signature: invalid. The credential was changed after it was signed."]


def test_a_credential_signed_by_another_key_is_not_ours(client, issuer_keys, award):
    document = signing.claims(documents.award_credential(award))
    token = jwt.encode(document, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": "https://evil/k"})

    _response, body = check(client, credential=token)

    assert lines(body) == ["Failed: Issuer: it is not signed with a key of Let’s Connect."]


def test_another_email_address_is_not_the_holder(client, issuer_keys, award):
    _response, body = check(client, credential=signing.signed_award(award), email="someone@example.org")

    assert '<h2 id="verdict">Not valid</h2>' in body
    assert lines(body)[-1] == "Failed: Holder: it was not issued to this email address."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a badge image or paste a credential."),
        ({"image": ("notes.txt", b"hello", "text/plain")}, "This file is not a PNG or SVG image."),
        ({"image": ("old.png", "open badges 2.0", "image/png")}, "This PNG image holds no Open Badges 3.0 credential."),
        ({"credential": "not a token"}, "This is not a signed credential (a JWT)."),
    ],
)
def test_what_cannot_be_checked_gets_a_clear_message(client, issuer_keys, award, data, message):
    if "image" in data:
        name, content, kind = data["image"]
        if content == "open badges 2.0":
            content = client.get(f"/badges/assertions/{award.uuid}.png").content  # a 2.0 baked badge
        data = {"image": SimpleUploadedFile(name, content, kind)}

    response, body = check(client, **data)

    assert message in body
    assert response.status_code == (200 if "credential" in data else 400)
