"""Template context shared by every page: navigation and the language switcher."""

from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# The main sections, in order. A section appears once its app provides the URL name,
# so the header never links to a page that does not exist.
NAVIGATION = [
    ("clinics:list", _("Clinics")),
    ("skills:directory", _("Skills Directory")),
    ("resources:list", _("Resources")),
    ("badges:list", _("Badges")),
    ("impact:index", _("Impact")),
]


def _reverse_first(*url_names):
    for url_name in url_names:
        try:
            return reverse(url_name)
        except NoReverseMatch:
            continue
    return None


@lru_cache(maxsize=len(settings.LANGUAGES))
def _account_urls(language):
    return {
        "login": _reverse_first("account_login"),
        "signup": _reverse_first("account_signup"),
        "logout": _reverse_first("account_logout", "admin:logout"),
    }


@lru_cache(maxsize=len(settings.LANGUAGES))
def _navigation(language):
    items = ({"url": _reverse_first(url_name), "label": label} for url_name, label in NAVIGATION)
    return tuple(item for item in items if item["url"])


def site(request):
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "navigation": _navigation(get_language()),
        "account_urls": _account_urls(get_language()),
        "site_languages": languages,
        "site_url": settings.SITE_URL,
    }
