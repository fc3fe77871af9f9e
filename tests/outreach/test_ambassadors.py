"""Ambassadors: a personal invitation link; registrations through it are credited to them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from outreach.models import Referral
from participants.liaisons import LIAISON_GROUP
from participants.models import User
from tests.factories import AmbassadorFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def _sign_up(client, username):
    return client.post(
        reverse("account_signup"),
        {"email": f"{username}@example.org", "username": username, "password1": "a long and unusual passphrase 42"},
    )


def test_a_sign_up_through_an_invitation_link_is_credited_to_the_ambassador(client):
    ambassador = AmbassadorFactory(participant__display_name="Amani")

    invitation = client.get(reverse("outreach:join", kwargs={"code": ambassador.code}))
    _sign_up(client, "newcomer")

    assert invitation.status_code == 302
    assert invitation["Location"] == reverse("account_signup")
    assert Referral.objects.get().user == User.objects.get(username="newcomer")
    assert ambassador.referrals.count() == 1


def test_a_sign_up_without_a_link_credits_nobody(client):
    AmbassadorFactory()

    _sign_up(client, "walkin")

    assert Referral.objects.count() == 0


def test_an_unknown_or_inactive_link_is_not_found(client):
    inactive = AmbassadorFactory(active=False)

    assert client.get(reverse("outreach:join", kwargs={"code": "nope"})).status_code == 404
    assert client.get(reverse("outreach:join", kwargs={"code": inactive.code})).status_code == 404


def test_the_ambassador_sees_their_link_and_count_on_their_own_profile_only(client):
    ambassador = AmbassadorFactory(participant__user__username="amani")
    Referral.objects.create(ambassador=ambassador, user=UserFactory())
    Referral.objects.create(ambassador=ambassador, user=UserFactory())
    profile_url = reverse("participants:profile", kwargs={"username": "amani"})

    client.force_login(ParticipantFactory().user)
    as_someone_else = client.get(profile_url).content.decode()
    client.force_login(ambassador.participant.user)
    as_owner = client.get(profile_url).content.decode()

    assert ambassador.code in as_owner
    assert "2 people registered through your link." in as_owner
    assert ambassador.code not in as_someone_else


def test_liaisons_see_registrations_per_ambassador_and_region(client):
    kenya = AmbassadorFactory(participant__country_id="KE")
    brazil = AmbassadorFactory(participant__country_id="BR")
    for _number in range(3):
        Referral.objects.create(ambassador=kenya, user=UserFactory())
    Referral.objects.create(ambassador=brazil, user=UserFactory())
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name=LIAISON_GROUP))
    client.force_login(liaison)

    response = client.get(reverse("admin:outreach_ambassador_changelist"))

    assert response.status_code == 200
    assert sorted(row.referral_total for row in response.context["cl"].result_list) == [1, 3]
    assert response.context["referrals_by_region"] == [
        ("Sub-Saharan Africa", 3),
        ("Latin America and the Caribbean", 1),
    ]
