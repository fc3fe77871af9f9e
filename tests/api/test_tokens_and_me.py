"""Personal access tokens (created and revoked on the settings page, kept hashed) and what they open: the person's
profile, skills and RSVPs, with the site's own capacity, waitlist and emails."""

import pytest
from django.urls import reverse

from api.models import AccessToken, token_digest
from clinics.models import Registration
from skills.models import ParticipantSkill, Skill
from tests.factories import ClinicFactory, ParticipantFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_created_on_the_settings_page_shown_once_and_kept_only_as_a_hash(client):
    participant = ParticipantFactory(user__username="kaya")
    client.force_login(participant.user)

    settings_page = client.get(reverse("participants:preferences"))
    created = client.post(reverse("api_tokens:create"), {"name": "calendar script"})

    secret = created.context["secret"]
    token = AccessToken.objects.get(user=participant.user)
    assert "Personal access tokens" in settings_page.content.decode()
    assert created.status_code == 200
    assert secret in created.content.decode()
    assert "no-store" in created["Cache-Control"]
    assert (token.name, token.digest, token.prefix) == ("calendar script", token_digest(secret), secret[:12])
    assert secret not in str(AccessToken.objects.values_list().get())
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["username"] == "kaya"
    assert "calendar script" in client.get(reverse("participants:preferences")).content.decode()


def test_a_token_without_a_name_is_not_created_and_the_page_says_why(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.post(reverse("api_tokens:create"), {"name": ""}, follow=True)

    assert AccessToken.objects.count() == 0
    assert "Give the token a name" in response.content.decode()


def test_the_settings_page_is_translated(client):
    participant = ParticipantFactory(email_language="fr")
    client.force_login(participant.user)

    page = client.get(reverse("participants:preferences").replace("/en/", "/fr/")).content.decode()

    assert "Jetons d’accès personnels" in page


def test_a_revoked_token_stops_working_at_once_and_only_its_owner_can_revoke_it(client, bearer):
    owner, other = ParticipantFactory(), ParticipantFactory()
    headers = bearer(owner)
    token = AccessToken.objects.get(user=owner.user)
    client.force_login(other.user)
    client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    still = client.get("/api/v1/me/", **headers)
    client.force_login(owner.user)

    client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    after = client.get("/api/v1/me/", **headers)

    assert still.status_code == 200
    assert (after.status_code, after["WWW-Authenticate"]) == (401, 'Bearer realm="api"')
    assert AccessToken.objects.count() == 0


def test_the_api_takes_no_session_cookie_and_no_made_up_token(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    by_cookie = client.get("/api/v1/me/")
    made_up = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer lct_made-up")

    assert (by_cookie.status_code, made_up.status_code) == (401, 401)


def test_a_token_of_an_account_without_a_profile_is_told_to_finish_it(client):
    user = UserFactory()
    from api.services import create_token

    _token, secret = create_token(user=user, name="x")

    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 403
    assert "Finish your profile" in response.json()["detail"]


def test_my_profile_and_skills(client, bearer):
    participant = ParticipantFactory(user__username="kaya", user__email="kaya@example.org", listed=False)
    ParticipantSkill.objects.create(participant=participant, skill=Skill.objects.get(slug="wikidata"), kind="learn")

    me = client.get("/api/v1/me/", **bearer(participant))
    skills = client.get("/api/v1/me/skills/", **bearer(participant))

    assert (me.json()["email"], me.json()["listed"], me["Cache-Control"]) == (
        "kaya@example.org",
        False,
        "private, no-cache",
    )
    assert skills.json() == {"share": [], "learn": [{"slug": "wikidata", "name": "Wikidata", "wikidata_qid": "Q2013"}]}


def test_an_rsvp_through_the_api_takes_the_last_place_then_waits_and_gets_the_sites_emails(
    client, bearer, mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(slug="grants", title="Grants 101", capacity=1)
    ana = ParticipantFactory(user__email="ana@example.org")
    ben = ParticipantFactory(user__email="ben@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/api/v1/me/rsvps/", {"clinic": "grants"}, "application/json", **bearer(ana))
        second = client.post("/api/v1/me/rsvps/", {"clinic": "grants"}, "application/json", **bearer(ben))
        again = client.post("/api/v1/me/rsvps/", {"clinic": "grants"}, "application/json", **bearer(ben))

    assert (first.status_code, first.json()["status"]) == (201, "registered")
    assert (second.status_code, second.json()["status"]) == (201, "waitlisted")
    assert (again.status_code, clinic.registrations.count()) == (200, 2)
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["ana@example.org"], "[Let's Connect] You are registered: Grants 101"),
        (["ben@example.org"], "[Let's Connect] You are on the waitlist: Grants 101"),
    ]


def test_cancelling_through_the_api_frees_the_place_for_the_first_on_the_waitlist(
    client, bearer, mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(slug="grants", title="Grants 101", capacity=1)
    ana, ben = ParticipantFactory(), ParticipantFactory(user__email="ben@example.org")
    RegistrationFactory(clinic=clinic, participant=ana)
    RegistrationFactory(clinic=clinic, participant=ben, status=Registration.Status.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.delete("/api/v1/me/rsvps/grants/", **bearer(ana))
    mine = client.get("/api/v1/me/rsvps/", **bearer(ana)).json()

    assert cancelled.status_code == 204
    assert [(row["clinic"]["slug"], row["status"]) for row in mine["results"]] == [("grants", "cancelled")]
    assert Registration.objects.get(participant=ben).status == Registration.Status.REGISTERED
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["ben@example.org"], "[Let's Connect] A place is yours: Grants 101")
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"clinic": "no-such-clinic"}, "clinic"),
        ({}, "clinic"),
        ({"clinic": "grants", "interpretation_language": "xx"}, "detail"),
    ],
)
def test_an_rsvp_the_site_would_refuse_is_a_400_with_its_reason(client, bearer, body, field):
    ClinicFactory(slug="grants", interpretation_languages=["es"])

    response = client.post("/api/v1/me/rsvps/", body, "application/json", **bearer(ParticipantFactory()))

    assert (response.status_code, list(response.json())) == (400, [field])
    assert Registration.objects.count() == 0


def test_a_closed_clinic_refuses_in_the_language_asked_for(client, bearer):
    ClinicFactory(slug="cancelled", status="cancelled")

    response = client.post(
        "/api/v1/me/rsvps/",
        {"clinic": "cancelled"},
        "application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
        **bearer(ParticipantFactory()),
    )

    assert response.json()["detail"] == ["Cette clinique a été annulée."]
