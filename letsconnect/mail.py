"""One way to send the site's own emails: rendered from templates in the recipient's language."""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

ASCII_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


def render_templated(*, template, language, context):
    """`(subject, body)` of `<template>_subject.txt` and `<template>_body.txt`, rendered in `language`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        # One line, spaces collapsed; non-breaking spaces (French "Vous avez : ...") are kept.
        subject = ASCII_WHITESPACE.sub(" ", render_to_string(f"{template}_subject.txt", context)).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def send_rendered(*, subject, body, to, reply_to=None, attachments=(), connection=None):
    message = EmailMessage(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        to=[to],
        reply_to=reply_to or None,
        connection=connection,
    )
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def send_templated(*, template, to, language, context, reply_to=None, attachments=(), connection=None):
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them to `to`.

    `connection`: an open `get_connection()` to reuse, so that many emails share one SMTP session.
    """
    subject, body = render_templated(template=template, language=language, context=context)
    send_rendered(subject=subject, body=body, to=to, reply_to=reply_to, attachments=attachments, connection=connection)
