"""Revocation lists (W3C Bitstring Status List v1.0): each award and certificate owns one bit, drawn at random
from a list of LIST_SIZE bits (so that a bit's position says nothing of when it was issued); the bit is set
once the award or certificate is revoked. The lists are built from the database when asked for, so revoking
(badges.services.revoke, badges.certificate_services.revoke_certificate) updates them at once."""

import base64
import gzip
import secrets

from django.apps import apps

LIST_SIZE = 131_072  # bits: the specification's minimum, 16 KiB before compression
# Lists are filled to half, then the next one opens: a random free bit is always easy to find.
FILL = LIST_SIZE // 2
KINDS = {"awards": "badges.Award", "certificates": "badges.Certificate"}


def model_of(kind):
    return apps.get_model(KINDS[kind])


def kind_of(model):
    return next(kind for kind, label in KINDS.items() if label == model._meta.label)


def free_index(model):
    """A random bit not yet used by `model`, in the list being filled now."""
    numbered = model.objects.exclude(status_index=None)
    first = (numbered.count() // FILL) * LIST_SIZE
    used = set(
        numbered.filter(status_index__gte=first, status_index__lt=first + LIST_SIZE).values_list(
            "status_index", flat=True
        )
    )
    while True:
        index = first + secrets.randbelow(LIST_SIZE)
        if index not in used:
            return index


def list_number(index):
    return index // LIST_SIZE


def list_count(kind):
    """How many lists `kind` has published (at least one, so that the first list exists before any award)."""
    highest = model_of(kind).objects.exclude(status_index=None).order_by("-status_index").first()
    return 1 if highest is None else list_number(highest.status_index) + 1


def revoked_bits(kind, number):
    """The positions, within list `number` of `kind`, of everything revoked."""
    first = number * LIST_SIZE
    indexes = (
        model_of(kind)
        .objects.filter(revoked_at__isnull=False, status_index__gte=first, status_index__lt=first + LIST_SIZE)
        .values_list("status_index", flat=True)
    )
    return [index - first for index in indexes]


def encoded_list(positions):
    """The list as `encodedList` says it: the bits (the first one the highest of the first byte), GZIP-compressed,
    base64url without padding, behind the multibase prefix "u"."""
    bits = bytearray(LIST_SIZE // 8)
    for position in positions:
        bits[position // 8] |= 0x80 >> (position % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def is_revoked(kind, index):
    return model_of(kind).objects.filter(status_index=index, revoked_at__isnull=False).exists()
