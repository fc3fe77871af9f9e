"""Emails of the badges app, each in the recipient's language."""

from letsconnect.mail import send_templated


def award_email(award):
    participant = award.participant
    send_templated(
        template="badges/email/awarded",
        to=participant.user.email,
        language=participant.email_language,
        context={"award": award, "badge": award.badge, "participant": participant},
    )
