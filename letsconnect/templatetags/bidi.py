"""Bidirectional text: content shown in a fallback language says so (`lang`, `dir`), so an English purpose on an
Arabic page keeps its full stop at the end."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

register = template.Library()


def fallback_language(obj, field):
    """`{"lang": ..., "dir": ...}` when `obj.<field>` (a modeltranslation field) is shown in a fallback language
    rather than the current one, else an empty dict."""
    language = get_language() or settings.LANGUAGE_CODE
    if not hasattr(obj, f"{field}_{language}") or getattr(obj, f"{field}_{language}"):
        return {}
    for fallback in settings.MODELTRANSLATION_FALLBACK_LANGUAGES:
        if fallback != language and getattr(obj, f"{field}_{fallback}", None):
            return {"lang": fallback, "dir": "rtl" if get_language_info(fallback)["bidi"] else "ltr"}
    return {}


@register.simple_tag
def content_lang(obj, field):
    """` lang="en" dir="ltr"` when `obj.<field>` (a modeltranslation field) is shown in a fallback language, else
    nothing: `<p{% content_lang clinic "purpose" %}>{{ clinic.purpose }}</p>`."""
    attributes = fallback_language(obj, field)
    return format_html(' lang="{}" dir="{}"', attributes["lang"], attributes["dir"]) if attributes else ""


@register.simple_tag
def content_text(obj, field):
    """`obj.<field>` to print inside a sentence: in `<span lang="en" dir="ltr">` when shown in a fallback language,
    plain otherwise. `{% content_text clinic.topic "name" as topic %}` then `{% blocktranslate with topic=topic %}`."""
    value = getattr(obj, field)
    attributes = content_lang(obj, field)
    return format_html("<span{}>{}</span>", attributes, value) if attributes else value


@register.filter
def isolate(value):
    """A person's own words (a name, a username) inside a translated sentence, isolated so that a Latin name in an
    Arabic sentence, or an Arabic one in English, keeps its punctuation and its place: `with name=x|isolate`."""
    return format_html("<bdi>{}</bdi>", value)
