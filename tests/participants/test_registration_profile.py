"""Step 2 of registration: the profile on one screen, saved whole or not at all."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from participants.models import Participant
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def _setup_url(language="en"):
    with translation.override(language):
        return reverse("participants:setup")


def test_a_new_account_finishes_its_profile_with_languages_home_wikis_and_consent(client, profile_data):
    user = UserFactory(username="neema")
    client.force_login(user)

    response = client.post(_setup_url("sw"), profile_data(bio="Ninapenda kuhariri."))

    participant = Participant.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == "/sw/people/neema/"
    assert participant.display_name == "Neema Mwangi"
    assert participant.region.code == "SSA"
    assert [(row.language, row.level) for row in participant.languages.all()] == [("sw", "N")]
    assert [row.code for row in participant.home_wikis.all()] == ["sw.wikipedia"]
    assert participant.privacy_version == settings.PRIVACY_STATEMENT_VERSION
    assert participant.privacy_consented_at is not None
    assert participant.listed is False


def test_the_profile_step_is_where_an_account_without_a_profile_is_sent(client):
    client.force_login(UserFactory())

    response = client.get(reverse("participants:edit"))

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:setup")


def test_the_profile_step_needs_a_signed_in_account(client):
    response = client.get(_setup_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_signed_in_wikimedia_account_gives_a_verified_username(client, profile_data):
    user = UserFactory()
    SocialAccount.objects.create(user=user, provider="mediawiki", uid="42", extra_data={"username": "Neema W"})
    client.force_login(user)

    client.post(_setup_url(), profile_data(wikimedia_username="Someone Else"))

    participant = Participant.objects.get(user=user)
    assert (participant.wikimedia_username, participant.wikimedia_username_verified) == ("Neema W", True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "XX", "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."),
        (
            "display_name",
            "N" * 10_000,
            "Assurez-vous que cette valeur comporte au plus 100 caractères (actuellement 10000).",
        ),
        ("role", "", "Ce champ est obligatoire."),
        ("consent", None, "Ce champ est obligatoire."),
    ],
)
def test_bad_input_is_explained_in_the_users_language_and_nothing_is_saved(client, profile_data, field, value, message):
    user = UserFactory()
    client.force_login(user)

    response = client.post(_setup_url("fr"), profile_data(**{field: value}))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors[field] == [message]
    assert not Participant.objects.filter(user=user).exists()


def test_a_profile_needs_at_least_one_language(client, profile_data):
    user = UserFactory()
    client.force_login(user)

    response = client.post(_setup_url(), profile_data(**{"languages-0-language": "", "languages-0-level": "3"}))

    assert response.status_code == 400
    assert response.context["language_formset"].non_form_errors() == ["Add at least one language you speak."]
    assert not Participant.objects.filter(user=user).exists()


def test_the_same_language_twice_is_refused_and_nothing_is_saved(client, profile_data):
    user = UserFactory()
    client.force_login(user)

    response = client.post(_setup_url(), profile_data(**{"languages-1-language": "sw", "languages-1-level": "2"}))

    assert response.status_code == 400
    assert "Please correct the duplicate data for language" in response.content.decode()
    assert not Participant.objects.filter(user=user).exists()


def test_a_language_wiki_needs_its_language_edition(client, profile_data):
    user = UserFactory()
    client.force_login(user)

    response = client.post(_setup_url(), profile_data(**{"wikis-0-language": ""}))

    assert response.status_code == 400
    assert response.context["home_wiki_formset"].errors[0] == {
        "language": ["Choose the language edition of this project."]
    }


def test_a_multilingual_wiki_is_kept_without_a_language(client, profile_data):
    user = UserFactory()
    client.force_login(user)

    client.post(_setup_url(), profile_data(**{"wikis-1-project": "wikidata", "wikis-1-language": "fr"}))

    assert sorted(row.code for row in Participant.objects.get(user=user).home_wikis.all()) == [
        "sw.wikipedia",
        "wikidata",
    ]


def test_html_in_the_bio_is_shown_escaped(client, profile_data):
    user = UserFactory(username="html")
    client.force_login(user)
    client.post(_setup_url(), profile_data(bio='<script>alert("x")</script><b>bold</b>'))

    page = client.get("/en/people/html/").content.decode()

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script>alert" not in page


def test_an_affiliate_member_must_name_an_affiliate(client, profile_data):
    user = UserFactory()
    client.force_login(user)

    response = client.post(_setup_url(), profile_data(affiliation="affiliate"))

    assert response.context["form"].errors["affiliates"] == [
        "Choose at least one affiliate, or pick another affiliation."
    ]


def test_editing_keeps_consent_and_does_not_ask_for_it_again(client, profile_data):
    participant = ParticipantFactory(privacy_version=settings.PRIVACY_STATEMENT_VERSION)
    client.force_login(participant.user)

    response = client.post(
        reverse("participants:edit"), profile_data(consent=None, display_name="New name", pronouns="she/her")
    )

    participant.refresh_from_db()
    assert response.status_code == 302
    assert (participant.display_name, participant.pronouns) == ("New name", "she/her")


def test_the_profile_lists_what_is_still_missing_to_its_owner(client):
    participant = ParticipantFactory(pronouns="they/them")
    client.force_login(participant.user)

    response = client.get(participant.get_absolute_url())

    assert [str(label) for label in response.context["missing"]] == [
        "Wikimedia username",
        "home wikis",
        "affiliation",
        "areas of work",
        "wiki experience",
        "time zone",
        "how you heard of Let's Connect",
        "short bio",
    ]


def test_a_posted_form_count_past_the_limit_builds_no_more_forms_and_is_refused(client, profile_data):
    user = UserFactory()
    client.force_login(user)

    response = client.post(_setup_url(), profile_data(**{"languages-TOTAL_FORMS": "1000000"}))

    assert response.status_code == 400
    assert len(response.context["language_formset"].forms) == 12
    assert response.context["language_formset"].non_form_errors() == ["Please submit at most 12 forms."]
    assert not Participant.objects.filter(user=user).exists()


@pytest.mark.parametrize("edition", ["dag", "simple", "be-tarask", "zh-yue", "nqo"])
def test_any_real_edition_of_a_project_is_accepted(client, profile_data, edition):
    user = UserFactory()
    client.force_login(user)

    response = client.post(_setup_url(), profile_data(**{"wikis-0-language": edition}))

    assert response.status_code == 302
    assert [row.code for row in Participant.objects.get(user=user).home_wikis.all()] == [f"{edition}.wikipedia"]


def test_an_edition_the_project_does_not_have_is_refused_in_the_readers_language(client, profile_data):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        _setup_url("es"), profile_data(**{"wikis-0-project": "wikivoyage", "wikis-0-language": "dag"})
    )

    assert response.status_code == 400
    assert response.context["home_wiki_formset"].errors[0] == {
        "language": ["No existe Wikiviajes en Dagbanli; elija una edición que exista."]
    }
    assert not Participant.objects.filter(user=user).exists()


@pytest.mark.parametrize("language", ["ar", "sw", "es"])
def test_the_language_for_emails_starts_as_the_language_of_the_sign_up_page(client, language):
    with translation.override(language):
        signup = reverse("account_signup")
    client.post(signup, {"email": "kaya@example.org", "username": "kaya", "password1": "correct horse battery"})
    client.force_login(Participant._meta.get_field("user").related_model.objects.get(username="kaya"))

    page = client.get(_setup_url("en"))

    assert page.status_code == 200
    assert page.context["form"]["email_language"].value() == language
    assert f'<option value="{language}" selected>' in page.content.decode()


def test_without_a_sign_up_in_this_session_the_language_for_emails_starts_as_the_pages(client):
    client.force_login(UserFactory())

    page = client.get(_setup_url("ar"))

    assert page.context["form"]["email_language"].value() == "ar"
