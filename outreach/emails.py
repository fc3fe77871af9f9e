"""The outreach emails, each in its recipient's language (and time zone), with a one-click unsubscribe (RFC 8058)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from letsconnect.mail import render_templated

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
    with translation.override(participant.email_language):
        path = reverse("outreach:unsubscribe", kwargs={"token": unsubscribe_token(participant, digest=digest)})
    return settings.SITE_URL + path


def _list_headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def announcement_message(announcement, participant):
    """The announcement as `participant` gets it: their language (English where it has no translation)."""
    url = unsubscribe_url(participant, digest=False)
    with translation.override(participant.email_language):
        # modeltranslation reads the active language's column, falling back to English.
        context = {
            "subject": announcement.subject,
            "body": announcement.body,
            "participant": participant,
            "unsubscribe_url": url,
        }
    return render_templated(
        template="outreach/email/announcement",
        to=participant.user.email,
        language=participant.email_language,
        context=context,
        headers=_list_headers(url),
    )


def digest_message(participant, contents):
    """The monthly digest: `contents` from `queries.digest_contents`, times in the person's time zone."""
    url = unsubscribe_url(participant, digest=True)
    time_zone = participant.time_zone or "UTC"
    with timezone.override(time_zone):
        return render_templated(
            template="outreach/email/digest",
            to=participant.user.email,
            language=participant.email_language,
            context={**contents, "participant": participant, "time_zone": time_zone, "unsubscribe_url": url},
            headers=_list_headers(url),
        )
