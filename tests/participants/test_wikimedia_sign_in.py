"""Wikimedia sign-in end to end, against a local server speaking Meta-Wiki's OAuth 2 (`rest.php/oauth2`).

The consumer is registered with one callback URL, without a language prefix; a person starting from /ar/, /es/ or
/en/ goes through it and lands back in their language, on the page they started from.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from allauth.socialaccount.providers.mediawiki.views import MediaWikiOAuth2Adapter
from django.urls import reverse
from django.utils import translation

from participants import services
from participants.models import User
from tests.factories import ParticipantFactory, UserFactory

from .fake_meta_wiki import FakeMetaWiki

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/mediawiki/login/callback/"
LANGUAGES = ["ar", "es", "en"]


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def meta_wiki(monkeypatch):
    SocialApp.objects.create(provider="mediawiki", name="Wikimedia", client_id="lc-consumer", secret="lc-secret")
    with FakeMetaWiki(client_id="lc-consumer", client_secret="lc-secret", callback_url=CALLBACK) as meta:
        # allauth reads REST_API once, at import: point its three endpoints at the local Meta-Wiki.
        monkeypatch.setattr(MediaWikiOAuth2Adapter, "authorize_url", f"{meta.rest_api}/oauth2/authorize")
        monkeypatch.setattr(MediaWikiOAuth2Adapter, "access_token_url", f"{meta.rest_api}/oauth2/access_token")
        monkeypatch.setattr(MediaWikiOAuth2Adapter, "profile_url", f"{meta.rest_api}/oauth2/resource/profile")
        yield meta


def through_meta_wiki(client, start_url, data=None):
    """Press "Sign in with Wikimedia" on our page, consent (or not) on Meta-Wiki, and come back: the callback."""
    start = client.post(start_url, data or {})
    assert start.status_code == 302
    authorize = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert authorize.status_code == 302, authorize.text
    back = urlsplit(authorize.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    return client.get(back.path, parse_qs(back.query))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_person_signs_up_with_wikimedia_from_any_language_through_the_one_callback(client, meta_wiki, language):
    meta_wiki.account = {"sub": 501, "username": "Kaya Wiki", "email": "kaya@example.org", "realname": "Kaya"}

    callback = through_meta_wiki(client, url("mediawiki_login", language))
    welcome = client.get(callback["Location"])

    user = User.objects.get(socialaccount__provider="mediawiki", socialaccount__uid="501")
    assert callback.status_code == 302
    assert callback["Location"] == url("participants:setup", language)
    assert f'<html lang="{language}"' in welcome.content.decode()
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [("kaya@example.org", True)]
    assert services.verified_wikimedia_username(user) == "Kaya Wiki"
    assert meta_wiki.requests == [
        ("GET", "/w/rest.php/oauth2/authorize"),
        ("POST", "/w/rest.php/oauth2/access_token"),
        ("GET", "/w/rest.php/oauth2/resource/profile"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_participant_signing_in_lands_back_on_the_page_and_in_the_language_they_started_from(
    client, meta_wiki, language
):
    participant = ParticipantFactory(user__username="layla", user__email="layla@example.org")
    EmailAddress.objects.create(user=participant.user, email="layla@example.org", verified=True, primary=True)
    SocialAccount.objects.create(user=participant.user, provider="mediawiki", uid="502", extra_data={})
    meta_wiki.account = {"sub": 502, "username": "Layla W", "email": "layla@example.org"}
    clinics = url("clinics:list", language)

    callback = through_meta_wiki(client, f"{url('mediawiki_login', language)}?next={clinics}")

    assert callback.status_code == 302
    assert callback["Location"] == clinics
    assert int(client.session["_auth_user_id"]) == participant.user.pk
    assert services.verified_wikimedia_username(participant.user) == "Layla W"


@pytest.mark.parametrize("language", LANGUAGES)
def test_someone_with_an_account_links_their_wikimedia_account_to_it(client, meta_wiki, language):
    user = UserFactory(username="amina", email="amina@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    meta_wiki.account = {"sub": 503, "username": "Amina N"}

    callback = through_meta_wiki(client, url("mediawiki_login", language), {"process": "connect"})

    assert callback.status_code == 302
    assert callback["Location"] == url("socialaccount_connections", language)
    assert list(SocialAccount.objects.values_list("user", "uid")) == [(user.pk, "503")]
    assert User.objects.count() == 1
    page = client.get(callback["Location"]).content.decode()
    assert f'<html lang="{language}"' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_refusing_consent_on_meta_wiki_comes_back_to_a_cancelled_page_in_the_persons_language(
    client, meta_wiki, language
):
    meta_wiki.consents = False

    callback = through_meta_wiki(client, url("mediawiki_login", language))
    page = client.get(callback["Location"])

    assert callback.status_code == 302
    assert callback["Location"] == url("socialaccount_login_cancelled", language)
    assert page.status_code == 200
    assert f'<html lang="{language}"' in page.content.decode()
    assert User.objects.count() == 0
    assert ("POST", "/w/rest.php/oauth2/access_token") not in meta_wiki.requests


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wikimedia_account_without_an_email_is_asked_for_one_in_the_persons_language(client, meta_wiki, language):
    meta_wiki.account = {"sub": 504, "username": "Neema W"}

    callback = through_meta_wiki(client, url("mediawiki_login", language))
    form_page = client.get(callback["Location"])

    assert callback["Location"] == url("socialaccount_signup", language)
    assert form_page.status_code == 200
    assert form_page.templates[0].name == "socialaccount/signup.html"
    assert f'<html lang="{language}"' in form_page.content.decode()
    assert User.objects.count() == 0


def test_meta_wiki_refuses_a_callback_other_than_the_registered_one(meta_wiki):
    status, answer = meta_wiki.authorize(
        {
            "client_id": "lc-consumer",
            "response_type": "code",
            "state": "s",
            "redirect_uri": CALLBACK.replace("/acc", "/ar/acc"),
        }
    )

    assert (status, answer) == (400, "The redirect URI does not match the registered callback URL")
