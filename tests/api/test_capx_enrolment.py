"""CapX enrols people by posting a JWT signed with its RSA key: checked strictly (RS256 with CapX's key only, a
nonce once, a timestamp within 10 minutes when there is one), the person created or found, never duplicated, and
what they set here never overwritten. Every outcome is logged without personal data."""

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys

import jwt
import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from api.models import CapxEnrolment, CapxEnrolmentLog, CapxNonce
from participants.models import Participant, User
from tests.factories import ParticipantFactory, UserFactory

from .conftest import capx_claims, capx_token, enrol, public_pem

pytestmark = pytest.mark.django_db

# (The age, 30, is left out: two digits may well occur in the random confirmation code.)
PERSONAL = ["Amina Wiki", "Amina Yusuf", "amina@example.org", "Citizen science", "Woman", "Volunteer staff"]


def _log_text():
    return json.dumps(list(CapxEnrolmentLog.objects.values("outcome", "detail", "confirmation")))


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_a_new_person_is_enrolled_from_a_token_signed_exactly_as_capx_signs_it(
    client, capx_configured, capx_private_key
):
    response = enrol(client, {"token": capx_token(capx_private_key)})

    participant = Participant.objects.select_related("user").get(wikimedia_username="Amina Wiki")
    enrolment = CapxEnrolment.objects.get(participant=participant)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["confirmation"]
    assert 0 < len(response.json()["confirmation"]) <= 64
    assert (participant.display_name, participant.wikimedia_username_verified, participant.user.email) == (
        "Amina Yusuf",
        True,
        "amina@example.org",
    )
    assert (participant.role, participant.areas_of_work, participant.gender, participant.age_range) == (
        Participant.Role.AFFILIATE_VOLUNTEER_STAFF,
        ["education", "open-technology"],
        Participant.Gender.WOMAN,
        Participant.AgeRange.FROM_25,
    )
    assert (participant.listed, participant.user.has_usable_password()) == (False, False)
    assert (enrolment.role_text, enrolment.area_text, enrolment.times) == ("", "Citizen science", 1)
    assert list(EmailAddress.objects.filter(user=participant.user).values_list("email", "verified")) == [
        ("amina@example.org", False)
    ]
    assert list(CapxEnrolmentLog.objects.values_list("outcome", "confirmation")) == [
        (CapxEnrolmentLog.Outcome.CREATED, response.json()["confirmation"])
    ]
    assert [value for value in PERSONAL if value in _log_text()] == []


def test_free_text_that_matches_no_option_is_kept_for_the_liaisons_and_gender_in_the_persons_words(
    client, capx_configured, capx_private_key
):
    token = capx_token(capx_private_key, role="Librarian at a university", gender="Two-spirit", age="41", area="")

    enrol(client, {"token": token})

    participant = Participant.objects.get(wikimedia_username="Amina Wiki")
    assert (participant.role, participant.gender, participant.gender_self_description, participant.age_range) == (
        "",
        Participant.Gender.NOT_LISTED,
        "Two-spirit",
        Participant.AgeRange.FROM_35,
    )
    assert CapxEnrolment.objects.values_list("role_text", "area_text").get() == ("Librarian at a university", "")


def test_a_token_sent_twice_is_refused_the_second_time(client, capx_configured, capx_private_key):
    token = capx_token(capx_private_key)

    first = enrol(client, {"token": token})
    again = enrol(client, {"token": token})

    assert (first.status_code, again.status_code) == (200, 409)
    assert list(again.json()) == ["error"]
    assert (User.objects.count(), CapxNonce.objects.count(), CapxEnrolment.objects.get().times) == (1, 1, 1)
    assert list(CapxEnrolmentLog.objects.order_by("received_at").values_list("outcome", flat=True)) == [
        CapxEnrolmentLog.Outcome.CREATED,
        CapxEnrolmentLog.Outcome.REPLAYED,
    ]


def test_a_token_signed_with_another_key_is_refused(client, capx_configured, stranger_private_key):
    response = enrol(client, {"token": capx_token(stranger_private_key)})

    assert (response.status_code, User.objects.count(), CapxNonce.objects.count()) == (401, 0, 0)
    assert CapxEnrolmentLog.objects.get().outcome == CapxEnrolmentLog.Outcome.BAD_SIGNATURE


def test_an_unsigned_token_alg_none_is_refused(client, capx_configured):
    token = jwt.encode(capx_claims(), key=None, algorithm="none")

    response = enrol(client, {"token": token})

    assert (response.status_code, User.objects.count()) == (401, 0)
    assert CapxEnrolmentLog.objects.get().outcome == CapxEnrolmentLog.Outcome.BAD_SIGNATURE


def test_a_token_signed_with_hs256_keyed_by_the_public_key_is_refused(client, capx_configured, capx_private_key):
    """The classic confusion: HMAC with the (public) RSA key as its secret. PyJWT refuses to make one: forged."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps(capx_claims()).encode())
    secret = public_pem(capx_private_key).encode()
    signature = _b64(hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest())

    response = enrol(client, {"token": f"{header}.{payload}.{signature}"})

    assert (response.status_code, User.objects.count()) == (401, 0)
    assert CapxEnrolmentLog.objects.get().outcome == CapxEnrolmentLog.Outcome.BAD_SIGNATURE


CLOCK = 1_800_000_000


@pytest.fixture
def frozen_clock(monkeypatch):
    monkeypatch.setattr("api.capx.tokens.clock", lambda: CLOCK)
    return CLOCK


@pytest.mark.parametrize("age_seconds", [-601, 601, 86400])
def test_a_timestamp_more_than_ten_minutes_from_now_is_refused(
    client, capx_configured, capx_private_key, frozen_clock, age_seconds
):
    response = enrol(client, {"token": capx_token(capx_private_key, timestamp=frozen_clock - age_seconds)})

    assert (response.status_code, User.objects.count(), CapxNonce.objects.count()) == (400, 0, 0)
    assert CapxEnrolmentLog.objects.get().outcome == CapxEnrolmentLog.Outcome.STALE


@pytest.mark.parametrize("timestamp", [None, "missing", CLOCK - 600, CLOCK + 600, float(CLOCK)])
def test_a_null_missing_or_recent_timestamp_is_accepted(
    client, capx_configured, capx_private_key, frozen_clock, timestamp
):
    payload = capx_claims(timestamp=timestamp)
    if timestamp == "missing":
        del payload["timestamp"]
    token = jwt.encode(payload, capx_private_key, algorithm="RS256")

    response = enrol(client, {"token": token})

    assert response.status_code == 200


def test_re_enrolment_confirms_and_changes_nothing_the_person_set_on_this_site(
    client, capx_configured, capx_private_key
):
    enrol(client, {"token": capx_token(capx_private_key)})
    participant = Participant.objects.get(wikimedia_username="Amina Wiki")
    participant.display_name, participant.role, participant.areas_of_work = "Amina", "board-member", ["glam"]
    participant.save()

    again = enrol(
        client,
        {"token": capx_token(capx_private_key, role="Paid staff", area="Governance", gender="Man", full_name="X")},
    )

    participant.refresh_from_db()
    assert again.status_code == 200
    assert again.json()["confirmation"]
    assert (participant.display_name, participant.role, participant.areas_of_work, participant.gender) == (
        "Amina",
        "board-member",
        ["glam"],
        Participant.Gender.WOMAN,
    )
    assert (User.objects.count(), CapxEnrolment.objects.get().times) == (1, 2)
    assert CapxEnrolmentLog.objects.order_by("-received_at").first().outcome == CapxEnrolmentLog.Outcome.UPDATED


def test_someone_already_registered_here_is_found_by_wikimedia_username_and_only_their_blanks_filled(
    client, capx_configured, capx_private_key
):
    registered = ParticipantFactory(
        wikimedia_username="Amina Wiki", wikimedia_username_verified=True, role="", display_name="Amina Y."
    )

    response = enrol(client, {"token": capx_token(capx_private_key, user="Amina_Wiki", email="other@example.org")})

    registered.refresh_from_db()
    assert response.status_code == 200
    assert (User.objects.count(), Participant.objects.count()) == (1, 1)
    assert (registered.display_name, registered.role, registered.age_range) == (
        "Amina Y.",
        Participant.Role.AFFILIATE_VOLUNTEER_STAFF,
        Participant.AgeRange.FROM_25,
    )
    assert CapxEnrolmentLog.objects.get().detail == "matched by Wikimedia username"


def test_someone_already_registered_here_is_found_by_their_verified_email(client, capx_configured, capx_private_key):
    user = UserFactory(username="amina", email="amina@example.org")
    EmailAddress.objects.create(user=user, email="amina@example.org", verified=True, primary=True)
    registered = ParticipantFactory(user=user, wikimedia_username="")

    response = enrol(client, {"token": capx_token(capx_private_key, email="AMINA@example.org")})

    registered.refresh_from_db()
    assert response.status_code == 200
    assert (User.objects.count(), registered.wikimedia_username, registered.wikimedia_username_verified) == (
        1,
        "Amina Wiki",
        True,
    )
    assert CapxEnrolmentLog.objects.get().detail == "matched by verified email"


def test_an_unverified_address_matches_nobody_and_stays_with_its_account(client, capx_configured, capx_private_key):
    user = UserFactory(username="someone", email="amina@example.org")
    EmailAddress.objects.create(user=user, email="amina@example.org", verified=False, primary=True)

    response = enrol(client, {"token": capx_token(capx_private_key)})

    created = Participant.objects.select_related("user").get(wikimedia_username="Amina Wiki")
    assert response.status_code == 200
    assert created.user != user
    assert created.user.email == ""
    assert EmailAddress.objects.filter(email__iexact="amina@example.org").count() == 1


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'"token"',
        b"{}",
        b'{"token": null}',
        b'{"token": 42}',
        b'{"token": ""}',
        b'{"token": "abc"}',
        b'{"token": "a.b.c"}',
        b'{"token": "eyJhbGciOiJSUzI1NiJ9.e30"}',
    ],
)
def test_a_bad_body_is_answered_400_with_a_json_error(client, capx_configured, body):
    response = enrol(client, body)

    assert (response.status_code, list(response.json())) == (400, ["error"])
    assert User.objects.count() == 0


def test_claims_that_are_not_what_capx_sends_are_refused(client, capx_configured, capx_private_key):
    answers = [
        enrol(client, {"token": capx_token(capx_private_key, nonce="not-a-uuid")}).status_code,
        enrol(client, {"token": capx_token(capx_private_key, user="")}).status_code,
        enrol(client, {"token": capx_token(capx_private_key, timestamp="yesterday")}).status_code,
    ]

    assert answers == [400, 400, 400]
    assert set(CapxEnrolmentLog.objects.values_list("outcome", flat=True)) == {CapxEnrolmentLog.Outcome.BAD_CLAIMS}


def test_without_capx_s_key_the_endpoint_answers_503(client, settings, capx_private_key):
    settings.CAPX_PUBLIC_KEY = ""

    response = enrol(client, {"token": capx_token(capx_private_key)})

    assert (response.status_code, list(response.json()), User.objects.count()) == (503, ["error"], 0)
    assert CapxEnrolmentLog.objects.get().outcome == CapxEnrolmentLog.Outcome.NOT_CONFIGURED


def test_the_log_and_the_enrolments_are_in_the_admin_for_liaisons(
    client, capx_configured, capx_private_key, liaison_user
):
    enrol(client, {"token": capx_token(capx_private_key, role="Librarian")})
    client.force_login(liaison_user)

    log = client.get(reverse("admin:api_capxenrolmentlog_changelist"))
    enrolments = client.get(reverse("admin:api_capxenrolment_changelist"))

    assert (log.status_code, enrolments.status_code) == (200, 200)
    assert "New participant created" in log.content.decode()
    assert "Librarian" in enrolments.content.decode()


@pytest.mark.worker  # reads the settings in a Python process of its own
def test_the_key_may_be_given_on_one_line_with_backslash_n_for_newlines(capx_private_key):
    pem = public_pem(capx_private_key)
    environment = os.environ | {"CAPX_PUBLIC_KEY": pem.replace("\n", "\\n"), "DJANGO_DEBUG": "1"}
    script = "from letsconnect import settings; print(settings.CAPX_PUBLIC_KEY, end='')"

    done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)

    assert done.stdout == pem
