"""Open Badges 2.0 documents (hosted verification) and baking an assertion into a PNG.

Spec: https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html. Documents are in English,
the language of their stable URLs; the pages people read are translated."""

import io
import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from . import images

CONTEXT = "https://w3id.org/openbadges/v2"


def _url(name, **kwargs):
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def issuer_id():
    return _url("badges_api:issuer")


def issuer_document():
    with translation.override("en"):
        return {
            "@context": CONTEXT,
            "type": "Issuer",
            "id": issuer_id(),
            "name": "Let's Connect",
            "url": settings.SITE_URL + "/",
            "email": settings.BADGE_ISSUER_EMAIL,
            "description": "The Wikimedia movement's peer-learning program for organisers.",
        }


def badge_class_document(badge):
    with translation.override("en"):
        return {
            "@context": CONTEXT,
            "type": "BadgeClass",
            "id": _url("badges_api:badge_class", slug=badge.slug),
            "name": badge.name_en,
            "description": badge.description_en,
            "image": _url("badges_api:badge_image", slug=badge.slug),
            "criteria": {"id": settings.SITE_URL + badge.get_absolute_url(), "narrative": badge.criteria_en},
            "issuer": issuer_id(),
        }


def assertion_document(award):
    with translation.override("en"):
        document = {
            "@context": CONTEXT,
            "type": "Assertion",
            "id": _url("badges_api:assertion", uuid=award.uuid),
            "recipient": {
                "type": "email",
                "hashed": True,
                "salt": award.recipient_salt,
                "identity": award.recipient_identity,
            },
            "badge": _url("badges_api:badge_class", slug=award.badge.slug),
            "verification": {"type": "HostedBadge"},
            "issuedOn": award.awarded_at.isoformat(),
            "image": _url("badges_api:baked", uuid=award.uuid),
        }
        if award.expires_at:
            document["expires"] = award.expires_at.isoformat()
        narrative = award.reason or award.evidence
        if narrative:
            document["evidence"] = {"narrative": narrative}
        if award.revoked:
            document["revoked"] = True
            document["revocationReason"] = award.revocation_reason
        return document


def baked_png(award):
    """The badge image with the assertion embedded in an iTXt chunk named `openbadges` (Open Badges baking)."""
    image = Image.open(io.BytesIO(images.png(award.badge)))
    info = PngInfo()
    info.add_itxt("openbadges", json.dumps(assertion_document(award), ensure_ascii=False))
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info)
    return output.getvalue()
