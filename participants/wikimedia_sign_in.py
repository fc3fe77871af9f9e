"""Wikimedia sign-in from every language: one callback address without a language prefix.

A consumer on Meta-Wiki is registered with a single callback URL, so the OAuth 2 `redirect_uri` must be the same
whatever page the person started from: `SITE_URL/accounts/mediawiki/login/callback/`. The language they started
in travels inside the `state` parameter (`ar.<random>`), and the callback answers in it: the next page, the sign-up
form, an error or "cancelled" page are all in the person's language.
"""

from allauth.socialaccount.providers.mediawiki.views import oauth2_callback
from django.conf import settings
from django.utils import translation

STATE_SEPARATOR = "."


def state_param(random_part):
    """The `state` sent to Meta-Wiki: the page's language and allauth's random reference to its stashed state."""
    return f"{translation.get_language()}{STATE_SEPARATOR}{random_part}"


def callback(request):
    language, separator, _rest = request.GET.get("state", "").partition(STATE_SEPARATOR)
    if not separator or language not in dict(settings.LANGUAGES):
        language = translation.get_language_from_request(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return oauth2_callback(request)
