"""Open Badges 2.0 hosted verification: issuer, badge class and assertion documents, baked PNGs, revocation,
and the pages people read."""

import hashlib
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from PIL import Image

from badges import services
from badges.models import Award, BadgeClass
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
CONTEXT = "https://w3id.org/openbadges/v2"


@pytest.fixture
def award():
    participant = ParticipantFactory(display_name="Amani", user__email="amani@example.org", listed=True)
    return services.award_manually(
        badge=BadgeClass.objects.get(slug="ambassador"), participant=participant, by=None, reason="Swahili clinics"
    )


def _json(response):
    assert response["Content-Type"] == "application/ld+json"
    return json.loads(response.content)


def test_the_issuer_profile_carries_every_required_property(client):
    document = _json(client.get("/badges/issuer.json"))

    assert {key: document[key] for key in ("@context", "type", "id", "name", "url")} == {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": f"{SITE}/badges/issuer.json",
        "name": "Let's Connect",
        "url": f"{SITE}/",
    }
    assert document["email"] == "letsconnect@localhost"


def test_a_badge_class_carries_every_required_property_and_its_image_is_a_png(client):
    document = _json(client.get("/badges/classes/five-clinics.json"))
    image = client.get("/badges/classes/five-clinics.png")

    assert document == {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": f"{SITE}/badges/classes/five-clinics.json",
        "name": "5 clinics",
        "description": "A regular learner: took part in five Learning Clinics.",
        "image": f"{SITE}/badges/classes/five-clinics.png",
        "criteria": {"id": f"{SITE}/en/badges/five-clinics/", "narrative": "Attend five Learning Clinics."},
        "issuer": f"{SITE}/badges/issuer.json",
    }
    assert Image.open(io.BytesIO(image.content)).size == (256, 256)


def test_an_assertion_carries_every_required_property_and_a_hashed_recipient_that_matches_the_email(client, award):
    document = _json(client.get(f"/badges/assertions/{award.uuid}.json"))

    salt = document["recipient"]["salt"]
    assert {key: document[key] for key in ("@context", "type", "id", "badge", "verification")} == {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": f"{SITE}/badges/assertions/{award.uuid}.json",
        "badge": f"{SITE}/badges/classes/ambassador.json",
        "verification": {"type": "HostedBadge"},
    }
    assert document["issuedOn"] == award.awarded_at.isoformat()
    assert document["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": salt,
        "identity": "sha256$" + hashlib.sha256(f"amani@example.org{salt}".encode()).hexdigest(),
    }
    assert "amani@example.org" not in json.dumps(document)
    assert "revoked" not in document


def test_an_award_of_a_badge_valid_for_a_time_says_when_it_expires_and_its_page_says_expired(client):
    badge = BadgeClass.objects.get(slug="mentor")
    badge.valid_for_days = 30
    badge.save()
    award = services.award_manually(badge=badge, participant=ParticipantFactory(), by=None, reason="Mentored")
    live = _json(client.get(f"/badges/assertions/{award.uuid}.json"))
    Award.objects.filter(pk=award.pk).update(
        awarded_at=award.awarded_at - timedelta(days=60), expires_at=award.expires_at - timedelta(days=60)
    )
    award.refresh_from_db()

    page = client.get(award.get_absolute_url()).content.decode()

    assert live["expires"] == (award.expires_at + timedelta(days=60)).isoformat()
    assert "expired on" in page
    assert "Genuine" not in page


def test_a_revoked_assertion_keeps_answering_gone_with_revoked_and_the_reason(client, award):
    services.revoke(award=award, reason="Awarded by mistake")

    response = client.get(f"/badges/assertions/{award.uuid}.json")
    page = client.get(award.get_absolute_url())

    assert response.status_code == 410
    assert (_json(response)["revoked"], _json(response)["revocationReason"]) == (True, "Awarded by mistake")
    assert "This badge was revoked on" in page.content.decode()
    assert "Awarded by mistake" in page.content.decode()


def test_the_baked_png_holds_the_assertion_in_an_openbadges_itxt_chunk(client, award):
    response = client.get(f"/badges/assertions/{award.uuid}.png")

    image = Image.open(io.BytesIO(response.content))
    baked = json.loads(image.text["openbadges"])
    assert response["Content-Type"] == "image/png"
    assert baked == _json(client.get(f"/badges/assertions/{award.uuid}.json"))
    assert b"iTXtopenbadges\x00" in response.content


def test_an_unknown_assertion_or_badge_is_a_404(client):
    missing = "00000000-0000-4000-8000-000000000000"
    statuses = [
        client.get(url).status_code for url in (f"/badges/assertions/{missing}.json", "/badges/classes/nope.json")
    ]

    assert statuses == [404, 404]


def test_the_award_page_says_genuine_and_only_the_holder_sees_the_download(client, award):
    anonymous = client.get(award.get_absolute_url()).content.decode()
    client.force_login(award.participant.user)
    holder = client.get(award.get_absolute_url()).content.decode()

    download = f'href="/badges/assertions/{award.uuid}.png"'
    assert "Genuine: awarded by Let’s Connect to <bdi>Amani</bdi> on" in anonymous
    assert (download in anonymous, download in holder) == (False, True)
    assert "amani@example.org" not in anonymous


def test_the_profile_shows_valid_badges_only(client, award):
    services.award_manually(
        badge=BadgeClass.objects.get(slug="mentor"), participant=award.participant, by=None, reason="Helped"
    )
    services.revoke(award=award, reason="Mistake")

    page = client.get(award.participant.get_absolute_url()).content.decode()

    assert ("Mentor" in page, "Ambassador" in page) == (True, False)


@pytest.mark.parametrize("count", [1, 3])
def test_the_badge_pages_cost_the_same_queries_with_1_or_3_awards(client, django_assert_max_num_queries, count):
    badge = BadgeClass.objects.get(slug="ambassador")
    awards = [
        services.award_manually(badge=badge, participant=ParticipantFactory(), by=None, reason="Why")
        for _number in range(count)
    ]

    with django_assert_max_num_queries(2):
        listing = client.get(reverse("badges:list"))
    with django_assert_max_num_queries(2):
        detail = client.get(badge.get_absolute_url())
    with django_assert_max_num_queries(2):
        award_page = client.get(awards[0].get_absolute_url())

    assert (listing.status_code, detail.context["badge"].holders, award_page.status_code) == (200, count, 200)
