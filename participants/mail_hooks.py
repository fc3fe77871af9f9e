"""What the participants app tells the outbox: which addresses a mail server refused for good, noted on the person."""

from django.db.models.functions import Lower

from .models import Participant


def record_refused_address(sender, address, **kwargs):
    """`mail.signals.address_refused`: the person with this address is not written to again until it changes."""
    Participant.objects.filter(user__email__iexact=address).update(refused_email=address.lower())


def refused_addresses(sender, addresses, **kwargs):
    """`mail.signals.refused_among`: those of `addresses` (lower-cased) still refused on a person's account."""
    if not addresses:
        return set()
    return set(
        Participant.objects.filter(refused_email__in=addresses)
        .annotate(address=Lower("user__email"))
        .filter(address__in=addresses)
        .values_list("refused_email", flat=True)
    )
