"""One way to send the site's own emails: rendered from templates in the recipient's language."""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.utils import translation

ASCII_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
# The part of an address before the @, as mail servers quote it in their errors ("<amina@example.org>: ...").
ADDRESS_LOCAL_PART = re.compile(r"[^\s<>()\[\]{}'\",;:@]+@(?=[A-Za-z0-9-]+\.)")


def without_addresses(text):
    """A mail server's error as the admin shows it: the domain kept (it says where it failed), never whose address."""
    return ADDRESS_LOCAL_PART.sub("…@", text)


def render_text(*, template, language, context):
    """`(subject, body)` of `<template>_subject.txt` and `<template>_body.txt`, rendered in `language`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        # One line, spaces collapsed; non-breaking spaces (French "Vous avez : ...") are kept.
        subject = ASCII_WHITESPACE.sub(" ", render_to_string(f"{template}_subject.txt", context)).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def build_message(*, subject, body, to, reply_to=None, attachments=(), headers=None, connection=None):
    message = EmailMessage(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        to=[to],
        reply_to=reply_to or None,
        headers=headers,
        connection=connection,
    )
    for attachment in attachments:
        message.attach(*attachment)
    return message


def render_templated(*, template, to, language, context, reply_to=None, attachments=(), headers=None):
    """The message of `<template>_subject.txt` and `<template>_body.txt` rendered in `language`, not yet sent."""
    subject, body = render_text(template=template, language=language, context=context)
    return build_message(subject=subject, body=body, to=to, reply_to=reply_to, attachments=attachments, headers=headers)


def send_rendered(*, subject, body, to, reply_to=None, attachments=(), connection=None):
    """Send a subject and body rendered beforehand (`render_text`), e.g. once for many recipients."""
    build_message(
        subject=subject, body=body, to=to, reply_to=reply_to, attachments=attachments, connection=connection
    ).send()


def send_templated(*, template, to, language, context, reply_to=None, attachments=(), connection=None):
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them to `to`.

    `connection`: an open `get_connection()` to reuse, so that many emails share one SMTP session.
    """
    message = render_templated(
        template=template, to=to, language=language, context=context, reply_to=reply_to, attachments=attachments
    )
    message.connection = connection
    message.send()


class SharedMessage:
    """One message for many recipients who differ only by address and by words put into the body (a name).

    Built into bytes once; each copy then costs a few substitutions instead of building the MIME message again,
    which is most of the CPU an email takes to send (see bench/reminders.py). Sent over an open SMTP connection of
    Django's SMTP backend; with any other backend (tests, development), or when a copy cannot be made by
    substitution (a non-ASCII address), it is sent the ordinary way."""

    TO_SLOT = "shared-message-recipient@invalid"
    MESSAGE_ID = re.compile(rb"^Message-ID: <[^>]*>\r$", re.M)

    def __init__(self, *, subject, body):
        self.subject, self.body = subject, body
        message = build_message(subject=subject, body=body, to=self.TO_SLOT)
        self.from_email = message.from_email
        raw = message.message().as_bytes(linesep="\r\n")
        # A body built without non-ASCII text says 7bit; a name put into it may be UTF-8.
        self.raw = raw.replace(
            b"\r\nContent-Transfer-Encoding: 7bit\r\n", b"\r\nContent-Transfer-Encoding: 8bit\r\n", 1
        )

    def send(self, *, to, connection, replacements):
        """Send a copy to `to`, with each `(slot, value)` of `replacements` put into the body."""
        smtp = getattr(connection, "connection", None)
        slots_intact = all(self.raw.count(slot.encode()) >= 1 for slot, _value in replacements)
        if not isinstance(connection, SMTPBackend) or smtp is None or not to.isascii() or not slots_intact:
            body = self.body
            for slot, value in replacements:
                body = body.replace(slot, value)
            send_rendered(subject=self.subject, body=body, to=to, connection=connection)
            return
        raw = self.raw.replace(self.TO_SLOT.encode(), to.encode())
        raw = self.MESSAGE_ID.sub(f"Message-ID: {make_msgid(domain=DNS_NAME)}\r".encode(), raw, count=1)
        for slot, value in replacements:
            raw = raw.replace(slot.encode(), value.encode())
        smtp.sendmail(self.from_email, [to], raw)
