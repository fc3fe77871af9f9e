"""The outreach emails, each in its recipient's language (and time zone), with a one-click unsubscribe (RFC 8058)."""

from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
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


# Stand-ins rendered into an announcement once per language, then replaced by each recipient's own values:
# rendering the templates for every one of 20,000 recipients would cost more than sending.
_NAME, _URL = "\x00name\x00", "\x00unsubscribe\x00"


class AnnouncementMessages:
    """Builds an announcement's messages: rendered once per language, then personalised by substitution."""

    def __init__(self, announcement):
        self.announcement = announcement
        self._rendered = {}

    def _render(self, language):
        if language not in self._rendered:
            with translation.override(language):
                # modeltranslation reads the active language's column, falling back to English.
                context = {
                    "subject": self.announcement.subject,
                    "body": self.announcement.body,
                    "participant": {"display_name": _NAME},
                    "unsubscribe_url": _URL,
                }
            self._rendered[language] = render_templated(
                template="outreach/email/announcement", to="", language=language, context=context
            )
        return self._rendered[language]

    def for_participant(self, participant):
        """The announcement as `participant` gets it: their language (English where it has no translation)."""
        template = self._render(participant.email_language)
        url = unsubscribe_url(participant, digest=False)
        body = template.body.replace(_URL, url).replace(_NAME, participant.display_name)
        return EmailMessage(template.subject, body, to=[participant.user.email], headers=_list_headers(url))


def announcement_message(announcement, participant):
    return AnnouncementMessages(announcement).for_participant(participant)


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
