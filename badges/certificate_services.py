"""Issuing and revoking certificates: the only code that writes `Certificate` rows."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Participant

from .certificate_queries import clinic_snapshot, held_clinics
from .models import Certificate, hashed_identity
from .ob3 import status


@transaction.atomic
def issue_certificate(*, participant, kind, language):
    """A certificate of `kind` in `language` listing the held clinics `participant` attended or shared, with
    their name and those clinics frozen as they are now.

    Asking again when nothing has changed (same name, same clinics, same titles) returns the latest such
    certificate instead of adding a row: one document per state of the facts, not one per click. Anything new
    (another clinic held, a new display name) issues a new certificate; the earlier ones stay valid, since
    they were true when issued.
    """
    # One issue at a time per participant, so that two quick clicks cannot both create a row.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    clinics = clinic_snapshot(clinics=held_clinics(participant=participant, kind=kind), language=language)
    if not clinics:
        raise ValidationError(_("There is no Learning Clinic to put on this certificate yet."), code="nothing")
    latest = (
        Certificate.objects.filter(participant=participant, kind=kind, language=language, revoked_at__isnull=True)
        .order_by("-issued_at", "-pk")
        .first()
    )
    if latest is not None and latest.holder_name == participant.display_name and latest.clinics == clinics:
        return latest
    certificate = Certificate(
        participant=participant,
        kind=kind,
        language=language,
        holder_name=participant.display_name,
        clinics=clinics,
        status_index=status.free_index(Certificate),
    )
    certificate.recipient_identity = hashed_identity(participant.user.email, certificate.recipient_salt)
    certificate.save()
    return certificate


def revoke_certificate(*, certificate, reason, now=None):
    """Mark `certificate` revoked with `reason`; its page then says so, and its bit in the 3.0 revocation list is
    set. Revoking twice keeps the first date."""
    Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now(), revocation_reason=reason
    )
    certificate.refresh_from_db(fields=["revoked_at", "revocation_reason"])
    return certificate
