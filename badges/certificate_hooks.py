"""What certificates add to a participant's profile and data download, and their removal with the account."""

from .certificate_queries import certificates_of, verification_url
from .models import Certificate


def profile_section(sender, participant, **kwargs):
    """A link to the owner's certificates; the template shows it to the owner only, and needs no query."""
    return {"template": "badges/certificates/profile_section.html"}


def certificates_export(sender, participant, **kwargs):
    return "certificates", [
        {
            "uuid": str(certificate.uuid),
            "kind": certificate.kind,
            "language": certificate.language,
            "holder_name": certificate.holder_name,
            "clinics": certificate.clinics,
            "issued_at": certificate.issued_at.isoformat(),
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "revocation_reason": certificate.revocation_reason,
            "verification_url": verification_url(certificate),
        }
        for certificate in certificates_of(participant=participant)
    ]


def delete_certificates(sender, participant, **kwargs):
    """A certificate names its holder: it goes with the account, and its verification page then answers 404."""
    Certificate.objects.filter(participant=participant).delete()
