"""One way to send the site's own emails: rendered from templates in the recipient's language."""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

ASCII_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


def render_templated(*, template, to, language, context, reply_to=None, attachments=(), headers=None):
    """The message of `<template>_subject.txt` and `<template>_body.txt` rendered in `language`, not yet sent."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        # One line, spaces collapsed; non-breaking spaces (French "Vous avez : ...") are kept.
        subject = ASCII_WHITESPACE.sub(" ", render_to_string(f"{template}_subject.txt", context)).strip()
        body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, to=[to], reply_to=reply_to or None, headers=headers
    )
    for attachment in attachments:
        message.attach(*attachment)
    return message


def send_templated(*, template, to, language, context, reply_to=None, attachments=()):
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them to `to`."""
    render_templated(
        template=template, to=to, language=language, context=context, reply_to=reply_to, attachments=attachments
    ).send()
