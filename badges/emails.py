"""Emails of the badges app: an award, written to the outbox (`mail`) with it and composed in the recipient's
language when the sender takes it."""

from mail import services as mail
from mail.composers import Draft, render
from mail.models import Email

from .models import Award


def write_award_email(award):
    participant = award.participant
    mail.send(
        key=f"badge:{award.pk}",
        kind=Email.Kind.BADGE,
        recipient=participant.user,
        language=participant.email_language,
        context={"award": award.pk},
    )


def compose_award_emails(emails):
    awards = Award.objects.select_related("badge", "participant__user").in_bulk(
        [email.context["award"] for email in emails]
    )
    drafts = {}
    for email in emails:
        award = awards.get(email.context["award"])
        if award is None or award.revoked:
            drafts[email.pk] = "award revoked"
            continue
        subject, body = render(
            template="badges/email/awarded",
            language=email.language,
            context={"award": award, "badge": award.badge, "participant": award.participant},
        )
        drafts[email.pk] = Draft(subject=subject, body=body)
    return drafts
