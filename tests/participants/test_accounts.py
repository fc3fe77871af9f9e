"""Accounts (django-allauth): sign-up with email verification, sign-in, password reset, Wikimedia sign-in.

Nothing here may tell a stranger whether an address or a username has an account.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.mediawiki.views import MediaWikiOAuth2Adapter
from django.test import Client
from django.urls import reverse
from django.utils import translation

from participants import services
from participants.models import User
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # The factories' password.
CONFIRMATION_LINK = re.compile(r"http://testserver/\w+/accounts/confirm-email/[^/\s]+/")


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_up(client, language="en", email="kaya@example.org", username="kaya"):
    data = {"email": email, "username": username, "password1": PASSWORD}
    return client.post(url("account_signup", language), data)


def sign_in(client, login, password=PASSWORD):
    return client.post(url("account_login"), {"login": login, "password": password})


def signed_in_user_id(client):
    return int(client.session["_auth_user_id"]) if "_auth_user_id" in client.session else None


@pytest.fixture
def member():
    """An account whose email address is confirmed, with no profile yet."""
    user = UserFactory(username="amina", email="amina@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def wikimedia_app():
    return SocialApp.objects.create(provider="mediawiki", name="Wikimedia", client_id="id", secret="s")


def test_signing_up_sends_a_verification_email_in_the_language_of_the_page(client, mailoutbox):
    response = sign_up(client, language="es")

    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent", "es")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["kaya@example.org"]
    assert mailoutbox[0].subject.startswith("[Let's Connect] ")
    assert CONFIRMATION_LINK.search(mailoutbox[0].body).group().startswith("http://testserver/es/")
    assert mailoutbox[0].body.endswith("El equipo de Let's Connect")


def test_nothing_is_open_until_the_email_address_is_confirmed(client):
    sign_up(client)

    profile_step = client.get(url("participants:setup"))
    sign_in_attempt = sign_in(client, "kaya")

    assert EmailAddress.objects.get(email="kaya@example.org").verified is False
    assert profile_step.status_code == 302
    assert profile_step["Location"].startswith(url("account_login"))
    assert sign_in_attempt.status_code == 302
    assert sign_in_attempt["Location"] == url("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    assert client.get(url("participants:profile", username="kaya")).status_code == 404


def test_after_confirming_the_email_and_signing_in_the_profile_step_comes_next(client, mailoutbox):
    sign_up(client)
    link = CONFIRMATION_LINK.search(mailoutbox[0].body).group()
    other_browser = Client()

    confirmation_page = other_browser.get(link)
    confirmed = other_browser.post(link)
    signed_in = sign_in(other_browser, "kaya@example.org")

    assert confirmation_page.status_code == 200
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="kaya@example.org").verified is True
    assert signed_in.status_code == 302
    assert signed_in["Location"] == url("participants:setup")
    assert signed_in_user_id(other_browser) == User.objects.get(username="kaya").pk


def test_confirming_in_the_same_browser_signs_in_and_opens_the_profile_step(client, mailoutbox):
    sign_up(client, language="sw")
    link = CONFIRMATION_LINK.search(mailoutbox[0].body).group()

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == url("participants:setup", "sw")
    assert signed_in_user_id(client) == User.objects.get(username="kaya").pk


@pytest.mark.parametrize("login", ["amina", "amina@example.org"])
def test_a_member_signs_in_with_their_username_or_their_email_address(client, member, login):
    response = sign_in(client, login)

    assert response.status_code == 302
    assert response["Location"] == url("participants:setup")
    assert signed_in_user_id(client) == member.pk


@pytest.mark.parametrize(
    ("known", "unknown", "message"),
    [
        ("amina", "nobody", "The username and/or password you specified are not correct."),
        ("amina@example.org", "nobody@example.org", "The email address and/or password you specified are not correct."),
    ],
)
def test_a_wrong_password_and_an_unknown_account_get_the_same_error(client, member, known, unknown, message):
    wrong_password = sign_in(client, known, password="not the password")
    unknown_account = sign_in(client, unknown)

    assert wrong_password.status_code == unknown_account.status_code == 200
    assert wrong_password.context["form"].non_field_errors() == [message]
    assert unknown_account.context["form"].non_field_errors() == [message]
    assert signed_in_user_id(client) is None


def test_a_password_reset_answers_the_same_for_an_unknown_address_as_for_a_known_one(client, member, mailoutbox):
    known = client.post(url("account_reset_password"), {"email": "amina@example.org"})
    unknown = client.post(url("account_reset_password"), {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == url("account_reset_password_done")
    assert client.get(known["Location"]).status_code == 200
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["amina@example.org"], "[Let's Connect] Choose a new password"),
        (["nobody@example.org"], "[Let's Connect] About your password reset request"),
    ]


def test_signing_up_with_a_registered_email_address_does_not_reveal_it(client, member, mailoutbox):
    response = sign_up(client, email="amina@example.org", username="someone")

    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent")
    assert list(User.objects.values_list("username", flat=True)) == ["amina"]
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["amina@example.org"], "[Let's Connect] You already have an account"),
    ]


@pytest.mark.parametrize(("language", "direction"), [("es", "ltr"), ("sw", "ltr"), ("ar", "rtl")])
def test_the_sign_in_page_is_served_in_each_language(client, language, direction):
    response = client.get(url("account_login", language))

    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("account_login", 200),
        ("account_signup", 200),
        ("account_reset_password", 200),
        ("account_reset_password_done", 200),
        ("account_email_verification_sent", 200),
        ("account_inactive", 200),
        ("socialaccount_login_cancelled", 200),
        ("socialaccount_login_error", 401),
    ],
)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_account_pages_open_to_anyone_render_in_the_site_frame(client, name, status, language):
    response = client.get(url(name, language))

    assert response.status_code == status
    assert '<div class="narrow">' in response.content.decode()
    assert "allauth/layouts/base.html" in [template.name for template in response.templates]


@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "account_logout",
        "account_reauthenticate",
        "socialaccount_connections",
    ],
)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_account_pages_of_a_signed_in_member_render_in_the_site_frame(client, member, name, language):
    client.force_login(member)

    response = client.get(url(name, language))

    assert response.status_code == 200
    assert '<div class="narrow">' in response.content.decode()


def test_the_wikimedia_sign_in_is_offered_only_once_it_is_configured(client):
    wikimedia_form = f'action="{url("mediawiki_login")}"'

    before = client.get(url("account_login")).content.decode()
    SocialApp.objects.create(provider="mediawiki", name="Wikimedia", client_id="id", secret="s")
    after_login = client.get(url("account_login")).content.decode()
    after_signup = client.get(url("account_signup")).content.decode()

    assert wikimedia_form not in before
    assert wikimedia_form in after_login
    assert wikimedia_form in after_signup


def test_opening_the_wikimedia_sign_in_address_asks_before_leaving_the_site(client, wikimedia_app):
    response = client.get(url("mediawiki_login"))

    assert response.status_code == 200
    assert response.templates[0].name == "socialaccount/login.html"


def sign_in_with_wikimedia(client, profile):
    """Drive the real OAuth 2 flow; only Wikimedia's two endpoints are mocked, and both must be called."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as wikimedia:
        wikimedia.post(MediaWikiOAuth2Adapter.access_token_url, json={"access_token": "t", "token_type": "Bearer"})
        wikimedia.get(MediaWikiOAuth2Adapter.profile_url, json=profile)
        start = client.post(url("mediawiki_login"))
        state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
        callback = client.get(url("mediawiki_callback"), {"code": "abc", "state": state})
    assert start.status_code == 302
    assert start["Location"].startswith(f"{MediaWikiOAuth2Adapter.authorize_url}?")
    return callback


def test_signing_in_with_wikimedia_creates_an_account_with_a_verified_username(client, wikimedia_app):
    profile = {"sub": 123, "username": "Kaya Wiki", "email": "kaya@example.org", "confirmed_email": True}

    response = sign_in_with_wikimedia(client, profile | {"realname": ""})

    user = User.objects.get(socialaccount__provider="mediawiki", socialaccount__uid="123")
    assert response.status_code == 302
    assert response["Location"] == url("participants:setup")
    assert signed_in_user_id(client) == user.pk
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [("kaya@example.org", True)]
    assert services.verified_wikimedia_username(user) == "Kaya Wiki"


def test_a_wikimedia_account_without_a_confirmed_email_is_asked_for_one(client, wikimedia_app, mailoutbox):
    profile = {"sub": 124, "username": "Neema W", "email": "", "confirmed_email": False, "realname": ""}

    callback = sign_in_with_wikimedia(client, profile)
    form_page = client.get(callback["Location"])
    signed_up = client.post(url("socialaccount_signup"), {"email": "neema@example.org", "username": "neema"})

    user = User.objects.get(socialaccount__provider="mediawiki", socialaccount__uid="124")
    assert callback["Location"] == url("socialaccount_signup")
    assert form_page.status_code == 200
    assert form_page.templates[0].name == "socialaccount/signup.html"
    assert signed_up.status_code == 302
    assert signed_up["Location"] == url("account_email_verification_sent")
    assert user.username == "neema"
    assert signed_in_user_id(client) is None
    assert [mail.to for mail in mailoutbox] == [["neema@example.org"]]
    assert services.verified_wikimedia_username(user) == "Neema W"


def test_the_wikimedia_sign_in_address_is_not_found_while_it_is_not_configured(client):
    response = client.post("/en/accounts/mediawiki/login/")

    assert response.status_code == 404


@pytest.mark.parametrize("language", ["pt", "sw"])
def test_allauths_own_messages_are_translated_where_allauth_ships_no_catalogue(client, member, language):
    english = "The username and/or password you specified are not correct."
    with translation.override(language):
        expected = translation.gettext(english)
        response = client.post(url("account_login", language), {"login": "amina", "password": "not the password"})

    page = response.content.decode()
    assert expected != english
    assert expected in page
    assert english not in page


def test_account_emails_follow_the_participants_chosen_language_not_the_pages(client, mailoutbox):
    participant = ParticipantFactory(user__email="layla@example.org", email_language="ar")
    EmailAddress.objects.create(user=participant.user, email="layla@example.org", primary=True, verified=True)

    client.post(url("account_reset_password", "en"), {"email": "layla@example.org"})

    with translation.override("ar"):
        expected_subject = translation.gettext("Choose a new password")
    assert len(mailoutbox) == 1
    assert expected_subject != "Choose a new password"
    assert expected_subject in mailoutbox[0].subject


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sw", "Nenosiri hili ni fupi mno. Lazima liwe na angalau herufi 8."),
        ("pt", "Esta senha é curta demais. Ela precisa conter pelo menos 8 caracteres."),
        ("ar", "كلمة المرور هذه قصيرة جدًا. يجب أن تحتوي على 8 أحرف على الأقل."),
    ],
)
def test_djangos_password_rules_are_shown_in_the_sign_up_pages_language(client, language, expected):
    response = client.post(
        url("account_signup", language), {"email": "kaya@example.org", "username": "kaya", "password1": "x7k"}
    )

    page = response.content.decode()
    assert expected in page
    assert "This password is too short" not in page
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("language", "password", "expected"),
    [
        ("sw", "password1", "Nenosiri hili ni la kawaida mno."),
        ("sw", "4815162342108", "Nenosiri hili lina namba tupu."),
        ("sw", "kayamwangi1", "Nenosiri hili linafanana sana na jina la mtumiaji."),
        # Brazilian wording, as the rest of the Portuguese pages ("senha"; Django's own catalogue says "palavra-passe").
        ("pt", "password1", "Esta senha é comum demais."),
        ("pt", "4815162342108", "Esta senha é inteiramente numérica."),
        ("pt", "kayamwangi1", "A senha é parecida demais com o campo “nome de usuário”."),
    ],
)
def test_every_password_rule_a_sign_up_can_break_speaks_the_pages_language(client, language, password, expected):
    response = client.post(
        url("account_signup", language), {"email": "kaya@example.org", "username": "kayamwangi", "password1": password}
    )

    page = response.content.decode()
    assert expected in page
    assert "palavra-passe" not in page
    assert not User.objects.exists()


@pytest.mark.parametrize("language", ["es", "fr", "ar", "pt", "sw"])
def test_djangos_messages_people_can_meet_are_translated_in_every_shipped_language(language):
    from django.contrib.auth import password_validation
    from django.core.paginator import Paginator
    from django.core.validators import MaxLengthValidator

    def shown(english_messages):
        with translation.override(language):
            return english_messages()

    def messages():
        return [
            *password_validation.password_validators_help_texts(),
            str(MaxLengthValidator(100).message % {"limit_value": 100, "show_value": 120}),
            str(Paginator([], 1).error_messages["invalid_page"]),
            translation.ngettext("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 12),
        ]

    with translation.override("en"):
        english = messages()
    translated = shown(messages)

    assert [text for text, original in zip(translated, english, strict=True) if text == original] == []
