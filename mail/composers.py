"""What each kind of email says: the app that owns a kind registers a composer, which turns rows into drafts.

A composer takes the claimed rows of its kind (one batch) and returns, for each row's id, a `Draft` or the reason
it must not go out any more (a string: "clinic cancelled", "no longer accepts announcements"). It reads what it
needs for the whole batch at once and renders each template once per language (and whatever else makes the text
differ), putting each person's own words in with `personalise`.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

ASCII_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
# Characters that end or break a line somewhere (CR, LF, NEL, the Unicode separators) or control the terminal.
LINE_BREAKING = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
SPACES = re.compile(r" {2,}")


@dataclass
class Draft:
    """The text of one email, before it is built into a message (by the sender, with the email package)."""

    subject: str
    body: str
    html: str = ""
    headers: dict = field(default_factory=dict)
    attachments: list = field(default_factory=list)  # (file name, content, MIME type)
    reply_to: list = field(default_factory=list)


_composers = {}


def register(kind, composer):
    _composers[kind] = composer


def compose(kind, emails):
    """`{email id: Draft or reason to skip}` for rows of one kind."""
    return _composers.get(kind, stored)(emails)


def stored(emails):
    """Rows whose text was rendered before they were written (account emails)."""
    return {
        email.pk: Draft(subject=email.subject, body=email.body, html=email.html) if email.body else "no text"
        for email in emails
    }


def render(*, template, language, context):
    """`(subject, body)` of `<template>_subject.txt` and `<template>_body.txt` rendered in `language`; the subject
    with the site's prefix, on one line."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        # One line, spaces collapsed; non-breaking spaces (French "Vous avez : ...") are kept.
        subject = ASCII_WHITESPACE.sub(" ", render_to_string(f"{template}_subject.txt", context)).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def one_line(value):
    """A value put into a line of text (a person's name): whatever would break the line becomes a space."""
    return SPACES.sub(" ", LINE_BREAKING.sub(" ", str(value))).strip()


def slot(name):
    """A stand-in rendered into a text shared by many recipients, replaced by `personalise`."""
    return f"@@{name}@@"


def personalise(text, values):
    """`text` with each `slot(name)` replaced by `values[name]` on one line (never a line break a name smuggles in)."""
    for name, value in values.items():
        text = text.replace(slot(name), one_line(value))
    return text


class RenderedOnce:
    """Texts rendered once per key (template, language, and whatever else makes them differ: a key must change
    whenever the text would), the most recent `limit` kept."""

    def __init__(self, *, limit=1000):
        self._texts, self.limit = {}, limit

    def get(self, key, render_text):
        if key not in self._texts:
            if len(self._texts) >= self.limit:
                self._texts.clear()
            self._texts[key] = render_text()
        return self._texts[key]
