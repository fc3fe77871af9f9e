"""The Open Badges 3.0 documents: the issuer's Profile, an award or a certificate as an OpenBadgeCredential, and
a revocation list as a BitstringStatusListCredential. In English, like the 2.0 documents: their stable URLs carry
no language."""

import uuid
from datetime import UTC, timedelta
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from . import status

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_CONTEXT, OB_CONTEXT]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
ISSUER_NAME = "Let's Connect"
# A status list is republished (re-signed) on every request; a copy is good for a day.
STATUS_LIST_VALIDITY = timedelta(days=1)
# Certificates have no page per kind of achievement: each kind is named by a fixed URN.
CERTIFICATE_ACHIEVEMENTS = uuid.UUID("5d0a3c56-0c5e-4bd8-9a55-7b1f2a9c0e11")


def _url(name, **kwargs):
    return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def profile_id():
    return _url("badges_api:profile")


def timestamp(moment):
    """A moment as VC 2.0 writes it, to the second, in UTC: the same instant as the JWT's NumericDate."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_summary():
    """The issuer as embedded in every credential: the Profile's id, type and name."""
    return {"id": profile_id(), "type": ["Profile"], "name": ISSUER_NAME, "url": settings.SITE_URL + "/"}


def profile_document():
    """The issuer's Open Badges 3.0 Profile. `jku` (a term of the VC 2.0 context) names its JSON Web Key Set."""
    with translation.override("en"):
        return {
            "@context": CONTEXTS,
            **issuer_summary(),
            "email": settings.BADGE_ISSUER_EMAIL,
            "description": "The Wikimedia movement's peer-learning program for organisers.",
            "jku": _url("badges_api:jwks"),
        }


def wikimedia_uri(participant):
    """The person's Wikimedia account as a URI, when they proved it by signing in with Wikimedia."""
    if not (participant.wikimedia_username_verified and participant.wikimedia_username):
        return None
    name = participant.wikimedia_username.strip().replace(" ", "_")
    return "https://meta.wikimedia.org/wiki/User:" + quote(name, safe="")


def _subject(*, participant, salt, identity, achievement):
    subject = {"type": ["AchievementSubject"]}
    subject_id = wikimedia_uri(participant)
    if subject_id:
        subject["id"] = subject_id
    subject["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": identity,
            "salt": salt,
        }
    ]
    subject["achievement"] = achievement
    return subject


def _status_entry(record):
    kind = status.kind_of(type(record))
    list_url = status_list_url(kind, status.list_number(record.status_index))
    return {
        "id": f"{list_url}#{record.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(record.status_index),
        "statusListCredential": list_url,
    }


def status_list_url(kind, number):
    return _url("badges_api:status_list", kind=kind, number=number)


def _credential(*, record, name, issued, expires, subject, evidence):
    document = {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{record.uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_summary(),
        "validFrom": timestamp(issued),
        "name": name,
        "credentialSubject": subject,
        "credentialSchema": [SCHEMA],
    }
    if expires is not None:
        document["validUntil"] = timestamp(expires)
    if record.status_index is not None:
        document["credentialStatus"] = _status_entry(record)
    if evidence:
        document["evidence"] = evidence
    return document


def award_credential(award):
    badge = award.badge
    with translation.override("en"):
        achievement = {
            "id": _url("badges_api:badge_class", slug=badge.slug),
            "type": ["Achievement"],
            "achievementType": "Badge",
            "name": badge.name_en,
            "description": badge.description_en,
            "criteria": {"id": settings.SITE_URL + badge.get_absolute_url(), "narrative": badge.criteria_en},
            "image": {"id": _url("badges_api:badge_image", slug=badge.slug), "type": "Image"},
        }
        narrative = award.reason or award.evidence
        return _credential(
            record=award,
            name=badge.name_en,
            issued=award.awarded_at,
            expires=award.expires_at,
            subject=_subject(
                participant=award.participant,
                salt=award.recipient_salt,
                identity=award.recipient_identity,
                achievement=achievement,
            ),
            evidence=[{"type": ["Evidence"], "narrative": narrative}] if narrative else [],
        )


CERTIFICATE_TEXTS = {
    "participation": (
        "Certificate of participation",
        "Took part in Learning Clinics of Let's Connect, the Wikimedia movement's peer-learning program.",
        "Attended Learning Clinics that Let's Connect's liaisons marked as held.",
    ),
    "contribution": (
        "Certificate of contribution",
        "Shared skills in Learning Clinics of Let's Connect, the Wikimedia movement's peer-learning program.",
        "Shared Learning Clinics that Let's Connect's liaisons marked as held.",
    ),
}


def certificate_credential(certificate):
    """A certificate as a credential: the achievement is its kind; each clinic it lists is evidence (title and
    topic in the certificate's language)."""
    name, description, criteria = CERTIFICATE_TEXTS[certificate.kind]
    achievement = {
        "id": f"urn:uuid:{uuid.uuid5(CERTIFICATE_ACHIEVEMENTS, certificate.kind)}",
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": name,
        "description": description,
        "criteria": {"narrative": criteria},
        "image": {"id": _url("badges_api:certificate_image", kind=certificate.kind), "type": "Image"},
    }
    evidence = [
        {"type": ["Evidence"], "name": clinic["title"], "description": clinic["topic"], "narrative": clinic["start"]}
        for clinic in certificate.clinics
    ]
    return _credential(
        record=certificate,
        name=name,
        issued=certificate.issued_at,
        expires=None,
        subject=_subject(
            participant=certificate.participant,
            salt=certificate.recipient_salt,
            identity=certificate.recipient_identity,
            achievement=achievement,
        ),
        evidence=evidence,
    )


def status_list_credential(kind, number, *, now=None):
    """List `number` of `kind` as a BitstringStatusListCredential, valid from now for STATUS_LIST_VALIDITY."""
    now = (now or timezone.now()).replace(microsecond=0)
    list_url = status_list_url(kind, number)
    return {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": profile_id(),
        "validFrom": timestamp(now),
        "validUntil": timestamp(now + STATUS_LIST_VALIDITY),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status.encoded_list(status.revoked_bits(kind, number)),
        },
    }
