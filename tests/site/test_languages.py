"""Language prefixes, the language switcher, and right-to-left Arabic."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SHIPPED_LANGUAGES = ["en", "es", "fr", "ar", "pt", "sw"]


def test_the_first_visit_is_sent_to_the_language_its_browser_asks_for(client):
    response = client.get("/", headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})

    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_a_browser_asking_for_an_unshipped_language_gets_english(client):
    response = client.get("/", headers={"accept-language": "de-DE"})

    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_every_shipped_language_has_its_prefix_and_declares_itself(client, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in response.text


@pytest.mark.parametrize(
    ("language", "skip_link"),
    [
        ("en", "Skip to main content"),
        ("es", "Saltar al contenido principal"),
        ("fr", "Aller au contenu principal"),
    ],
)
def test_pages_are_written_in_the_language_of_their_prefix(client, language, skip_link):
    response = client.get(f"/{language}/")

    assert skip_link in response.text


def test_arabic_pages_load_the_right_to_left_stylesheet(client):
    arabic = client.get("/ar/").text
    english = client.get("/en/").text

    assert "codex-rtl" in arabic
    assert "codex-rtl" not in english
    assert "codex-ltr" in english


def test_the_switcher_offers_every_language_in_its_own_name(client):
    response = client.get("/en/")

    for code, name in [("es", "español"), ("fr", "français"), ("ar", "العربيّة"), ("sw", "Kiswahili")]:
        assert f'value="{code}" lang="{code}">{name}</button>' in response.text


def test_switching_language_keeps_the_current_page_and_remembers_the_choice(client):
    admin_login = reverse("admin:login")  # any page under the prefix, here /en/admin/login/

    response = client.post(reverse("set_language"), {"language": "fr", "next": admin_login})

    assert response.status_code == 302
    assert response["Location"] == admin_login.replace("/en/", "/fr/", 1)
    assert client.cookies["django_language"].value == "fr"
    assert client.get("/").headers["Location"] == "/fr/"


def test_the_switcher_form_posts_the_current_path_as_next(client):
    response = client.get("/es/")

    assert '<input type="hidden" name="next" value="/es/">' in response.text


def test_pages_link_their_other_language_versions(client, settings):
    response = client.get("/en/")

    assert f'<link rel="alternate" hreflang="ar" href="{settings.SITE_URL}/ar/">' in response.text
