"""Someone enrolled from CapX signs in here with Wikimedia later (the real OAuth 2 flow, Wikimedia's endpoints
answered locally) and finds the profile made for them; a hand-typed username is never taken over this way."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.urls import reverse

from participants.models import Participant, User
from tests.factories import ParticipantFactory
from tests.participants.test_accounts import sign_in_with_wikimedia, signed_in_user_id

from .conftest import capx_token, enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def wikimedia_app():
    return SocialApp.objects.create(provider="mediawiki", name="Wikimedia", client_id="id", secret="s")


def test_the_person_enrolled_from_capx_signs_in_with_wikimedia_and_finds_their_profile(
    client, capx_configured, capx_private_key, wikimedia_app
):
    enrol(client, {"token": capx_token(capx_private_key)})
    participant = Participant.objects.get(wikimedia_username="Amina Wiki")
    profile = {"sub": 777, "username": "Amina Wiki", "email": "amina@example.org", "confirmed_email": True}

    callback = sign_in_with_wikimedia(client, profile | {"realname": ""})
    page = client.get(reverse("participants:edit"))

    assert callback.status_code == 302
    assert signed_in_user_id(client) == participant.user_id
    assert User.objects.count() == 1
    assert SocialAccount.objects.get(uid="777").user_id == participant.user_id
    assert EmailAddress.objects.get(user=participant.user).verified is True
    assert (page.status_code, page.context["form"].instance.pk) == (200, participant.pk)


def test_a_username_only_typed_by_hand_is_not_joined_by_a_wikimedia_sign_in(client, wikimedia_app):
    typed = ParticipantFactory(wikimedia_username="Amina Wiki", wikimedia_username_verified=False)
    profile = {"sub": 778, "username": "Amina Wiki", "email": "amina@example.org", "confirmed_email": True}

    sign_in_with_wikimedia(client, profile | {"realname": ""})

    assert SocialAccount.objects.get(uid="778").user_id != typed.user_id
    assert User.objects.count() == 2
