"""Every page goes out with the security headers of a production site, and errors show the site's own pages.

Requests come as the TLS-terminating proxy forwards them (`X-Forwarded-Proto: https`), with the suite's production
settings (DEBUG off, secure cookies, HSTS).
"""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import path, reverse

from letsconnect import urls as site_urls
from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # The factories' password.
ONE_YEAR = 365 * 24 * 3600


def _boom(request):
    raise RuntimeError("A failure inside a view")


# The site's own URLs and one view that fails, to see what a visitor gets from an unexpected error.
urlpatterns = [*site_urls.urlpatterns, path("boom/", _boom)]


@pytest.fixture
def https_client():
    return Client(headers={"X-Forwarded-Proto": "https"})


@pytest.fixture
def member():
    participant = ParticipantFactory(display_name="Amina Diallo", user__username="amina")
    EmailAddress.objects.create(user=participant.user, email=participant.user.email, verified=True, primary=True)
    return participant


def _directives(policy):
    """The policy as {directive: [sources]}."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def _pages(member):
    clinic = ClinicFactory(title="Writing grant reports")
    return [
        reverse("home"),
        clinic.get_absolute_url(),
        reverse("skills:directory"),
        reverse("account_login"),
        reverse("admin:login"),
        reverse("participants:profile", kwargs={"username": member.user.username}),
    ]


def test_every_page_carries_the_security_headers(https_client, member):
    for page in _pages(member):
        response = https_client.get(page)

        assert response.status_code == 200, page
        policy = _directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"], page
        assert policy["script-src"] == ["'self'"], page
        assert policy["style-src"] == ["'self'"], page
        assert policy["img-src"] == ["'self'", "data:"], page
        assert policy["object-src"] == ["'none'"], page
        assert policy["base-uri"] == ["'self'"], page
        assert policy["frame-ancestors"] == ["'none'"], page
        assert policy["form-action"] == ["'self'", "https://meta.wikimedia.org"], page
        assert "unsafe-inline" not in response["Content-Security-Policy"], page
        assert "unsafe-eval" not in response["Content-Security-Policy"], page
        hsts = dict((part.strip().partition("=")[::2]) for part in response["Strict-Transport-Security"].split(";"))
        assert int(hsts["max-age"]) >= ONE_YEAR, page
        assert "includeSubDomains" in hsts, page
        assert response["Referrer-Policy"] == "same-origin", page
        assert response["X-Content-Type-Options"] == "nosniff", page
        assert response["X-Frame-Options"] == "DENY", page
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", page
        permissions = dict(part.split("=") for part in response["Permissions-Policy"].split(", "))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
            assert permissions[feature] == "()", (page, feature)


def test_the_page_a_plain_http_request_gets_is_a_redirect_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True

    response = Client().get(reverse("home"))

    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + reverse("home")


def test_the_csrf_and_session_cookies_are_secure_and_same_site(https_client, member):
    sign_in_page = https_client.get(reverse("account_login"))
    signed_in = https_client.post(reverse("account_login"), {"login": "amina", "password": PASSWORD})

    csrf = sign_in_page.cookies["csrftoken"]
    session = signed_in.cookies["sessionid"]
    assert signed_in.status_code == 302
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_the_language_cookie_is_secure_and_same_site_like_the_others(https_client):
    response = https_client.post(reverse("set_language"), {"language": "fr", "next": "/fr/"})

    language = response.cookies["django_language"]
    assert (response.status_code, language.value) == (302, "fr")
    assert (language["secure"], language["samesite"], language["httponly"]) == (True, "Lax", True)


def test_the_personal_data_download_is_never_kept_by_a_browser_or_proxy(https_client, member):
    https_client.force_login(member.user)

    response = https_client.get(reverse("participants:export"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.urls(__name__)
def test_an_unknown_address_gets_the_sites_page_not_found_in_the_readers_language(https_client):
    response = https_client.get("/fr/no-such-page/")

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    content = response.content.decode()
    assert "<h1>Page introuvable</h1>" in content
    assert "URLconf" not in content
    assert "Content-Security-Policy" in response


@pytest.mark.urls(__name__)
def test_an_error_inside_a_view_gets_the_sites_error_page_without_details():
    client = Client(headers={"X-Forwarded-Proto": "https"}, raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong" in content
    assert "A failure inside a view" not in content
    assert "Traceback" not in content
    assert "Content-Security-Policy" in response
