"""The language of the page someone signed up in, kept for their session: it becomes their language for emails."""

from django.conf import settings
from django.utils import translation

SESSION_KEY = "signup_language"


def remember_signup_language(sender, request, user, **kwargs):
    """allauth's `user_signed_up` (email or Wikimedia sign-up): note the page's language."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = translation.get_language()


def email_language(request):
    """The sign-up page's language if this session signed up, else the current page's; a shipped language."""
    languages = dict(settings.LANGUAGES)
    for candidate in (request.session.get(SESSION_KEY), translation.get_language()):
        if candidate in languages:
            return candidate
    return settings.LANGUAGE_CODE
