"""Bidirectional text: content shown in a fallback language says so (`lang`, `dir`), so an English purpose on an
Arabic page keeps its full stop at the end."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag
def content_lang(obj, field):
    """` lang="en" dir="ltr"` when `obj.<field>` (a modeltranslation field) is shown in a fallback language, else
    nothing: `<p{% content_lang clinic "purpose" %}>{{ clinic.purpose }}</p>`."""
    language = get_language() or settings.LANGUAGE_CODE
    if not hasattr(obj, f"{field}_{language}") or getattr(obj, f"{field}_{language}"):
        return ""
    for fallback in settings.MODELTRANSLATION_FALLBACK_LANGUAGES:
        if fallback != language and getattr(obj, f"{field}_{fallback}", None):
            direction = "rtl" if get_language_info(fallback)["bidi"] else "ltr"
            return format_html(' lang="{}" dir="{}"', fallback, direction)
    return ""
