"""One way to send the site's own emails: rendered from templates in the recipient's language."""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

ASCII_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


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
