"""The outreach emails, each in its recipient's language (and time zone), with a one-click unsubscribe (RFC 8058):
written to the outbox (`mail`) when an announcement is approved or a digest planned, composed here."""

from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from mail import services as mail
from mail.composers import Draft, personalise, render, slot
from mail.models import Email
from participants.models import Participant

from . import queries

UNSUBSCRIBE_SALT = "outreach.unsubscribe"
ANNOUNCEMENTS, DIGEST = "a", "d"


def unsubscribe_token(participant, *, digest):
    """A signed token naming the participant by id (never in clear) and the kind of email to stop."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"p": participant.pk, "l": DIGEST if digest else ANNOUNCEMENTS}
    )


def read_unsubscribe_token(token):
    """`(participant_id, digest)`; raises `signing.BadSignature` for a forged or damaged token."""
    data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    return int(data["p"]), data["l"] == DIGEST


def unsubscribe_url(participant, *, digest):
    before, after = _unsubscribe_url_around(participant.email_language)
    return before + unsubscribe_token(participant, digest=digest) + after


_SLOT = "slot"


@lru_cache(maxsize=32)
def _unsubscribe_url_around(language):
    """What comes before and after the token: reversed once per language (slow next to sending an email)."""
    with translation.override(language):
        url = settings.SITE_URL + reverse("outreach:unsubscribe", kwargs={"token": _SLOT})
    before, after = url.rsplit(_SLOT, 1)
    return before, after


def _list_headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def write_announcement(announcement, recipients):
    """One outbox row per recipient (`(participant id, user id, email language)`); the key makes a second
    copy impossible."""
    return mail.write(
        mail.email(
            key=f"announcement:{announcement.pk}:{participant_id}",
            kind=Email.Kind.ANNOUNCEMENT,
            group=announcement_group(announcement.pk),
            recipient_id=user_id,
            language=language,
            context={"announcement": announcement.pk, "participant": participant_id},
        )
        for participant_id, user_id, language in recipients
    )


def write_digest(month, recipients):
    """One outbox row per person who wants `month`'s digest; writing it again adds nobody twice."""
    return mail.write(
        mail.email(
            key=f"digest:{month.isoformat()}:{participant_id}",
            kind=Email.Kind.DIGEST,
            group=digest_group(month),
            recipient_id=user_id,
            language=language,
            context={"month": month.isoformat(), "participant": participant_id},
        )
        for participant_id, user_id, language in recipients
    )


def announcement_group(announcement_id):
    return f"announcement:{announcement_id}"


def digest_group(month):
    return f"digest:{month.isoformat()}"


def _announcement_text(announcement, language):
    """The announcement's subject and body in `language`, with stand-ins for the person's own values."""
    with translation.override(language):
        # modeltranslation reads the active language's column, falling back to English.
        context = {
            "subject": announcement.subject,
            "body": announcement.body,
            "participant": {"display_name": slot("name")},
            "unsubscribe_url": slot("unsubscribe"),
        }
    return render(template="outreach/email/announcement", language=language, context=context)


@lru_cache(maxsize=64)
def _approved_text(announcement_id, language):
    """An approved announcement no longer changes: rendered once per language, not once per recipient."""
    from .models import Announcement

    return _announcement_text(Announcement.objects.get(pk=announcement_id), language)


def announcement_draft(announcement, participant, *, language=None, approved=False):
    """The announcement as `participant` gets it: their language (English where it has no translation)."""
    language = language or participant.email_language
    if approved:
        subject, body = _approved_text(announcement.pk, language)
    else:
        subject, body = _announcement_text(announcement, language)
    url = unsubscribe_url(participant, digest=False)
    body = personalise(body, {"name": participant.display_name, "unsubscribe": url})
    return Draft(subject=subject, body=body, headers=_list_headers(url))


def compose_announcements(emails):
    from .models import Announcement

    people = Participant.objects.select_related("user").in_bulk([email.context["participant"] for email in emails])
    sent = set(
        Announcement.objects.filter(pk__in={email.context["announcement"] for email in emails}).values_list(
            "pk", flat=True
        )
    )
    drafts = {}
    for email in emails:
        participant = people.get(email.context["participant"])
        if participant is None or email.context["announcement"] not in sent:
            drafts[email.pk] = "participant or announcement deleted"
        elif not queries.accepts(participant, digest=False):
            drafts[email.pk] = "no longer accepts these emails"
        else:
            announcement = Announcement(pk=email.context["announcement"])
            drafts[email.pk] = announcement_draft(announcement, participant, language=email.language, approved=True)
    return drafts


def digest_draft(participant, contents):
    """The monthly digest: `contents` from `queries.digest_contents`, times in the person's time zone."""
    url = unsubscribe_url(participant, digest=True)
    time_zone = participant.time_zone or "UTC"
    with timezone.override(time_zone):
        subject, body = render(
            template="outreach/email/digest",
            language=participant.email_language,
            context={**contents, "participant": participant, "time_zone": time_zone, "unsubscribe_url": url},
        )
    return Draft(subject=subject, body=body, headers=_list_headers(url))


def compose_digests(emails):
    people = Participant.objects.select_related("user").in_bulk([email.context["participant"] for email in emails])
    now = timezone.now()
    drafts = {}
    for email in emails:
        participant = people.get(email.context["participant"])
        if participant is None:
            drafts[email.pk] = "participant deleted"
            continue
        if not queries.accepts(participant, digest=True):
            drafts[email.pk] = "no longer accepts these emails"
            continue
        month = date.fromisoformat(email.context["month"])
        since = queries.previous_digest_at(participant, before=month) or now - timedelta(days=31)
        contents = queries.digest_contents(participant, since=since, now=now)
        drafts[email.pk] = digest_draft(participant, contents) if any(contents.values()) else "nothing new"
    return drafts
