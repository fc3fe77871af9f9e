"""Anonymous requests cannot fill Redis: the kept pages are kept under their checked parameters only.

Redis is also Celery's broker. A parameter a page does not know (`?junk1=`), a value that is not valid
(`?topic=junk1`) or a page number past the last would each have made a new entry of 15 to 25 KB.
"""

from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from participants.services import refresh_search_document
from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

REQUESTS = 30


def stored_keys():
    """The names of the keys in this test's Redis database (names, not a count: a failure shows which were added)."""
    return frozenset(redis.Redis.from_url(settings.REDIS_URL).keys())


@pytest.fixture
def world():
    topic = ClinicFactory(title="Upcoming clinic", slug="upcoming").topic
    for n in range(25):  # two pages of past clinics
        ClinicFactory(slug=f"past-{n}", topic=topic, start=timezone.now() - timedelta(days=n + 1))
    for name in ("Neema Mwangi", "Juma Baraka"):
        refresh_search_document(participant=ParticipantFactory(display_name=name))
    return topic


@pytest.mark.parametrize(
    ("path", "hostile"),
    [
        ("/en/clinics/", lambda n: {f"junk{n}": "x"}),
        ("/en/clinics/", lambda n: {"topic": f"junk{n}"}),
        ("/en/clinics/", lambda n: {"page": str(1000 + n)}),
        ("/en/clinics/", lambda n: {"page": f"{n}x", "kind": "", "month": ""}),
        ("/en/people/", lambda n: {f"junk{n}": "x"}),
        ("/en/people/", lambda n: {"skill": f"junk-{n}"}),
        ("/en/people/", lambda n: {"region": f"J{n}"}),
        ("/en/people/", lambda n: {"page": str(1000 + n)}),
    ],
)
def test_unknown_parameters_invalid_values_and_missing_pages_add_nothing_to_redis(client, world, path, hostile):
    first = client.get(path)  # the page, its data version and its checked choices are kept now
    before = stored_keys()

    answers = [client.get(path, hostile(n)) for n in range(REQUESTS)]

    assert [answer.status_code for answer in answers] == [200] * REQUESTS
    assert stored_keys() == before
    assert first.status_code == 200


@pytest.mark.parametrize(("path", "valid"), [("/en/clinics/", {"kind": "workshop"}), ("/en/people/", {"q": "neema"})])
def test_a_valid_filter_is_kept_once_whatever_else_the_address_holds(client, world, path, valid):
    client.get(path)
    before = stored_keys()

    for n in range(5):
        client.get(path, {**valid, f"junk{n}": "x"})

    assert stored_keys() > before  # kept (a strict superset): the page with this filter, once
    grown = stored_keys()
    client.get(path, valid)
    assert stored_keys() == grown


def test_a_kept_page_never_carries_a_visitors_own_parameters_to_the_next_visitor(client, world):
    planted = client.get("/en/clinics/", {"planted": "evil.example"})

    again = client.get("/en/clinics/")

    assert "page=2" in again.content.decode()
    # The visitor's own page names its address (the language switch leads back to it); the kept part does not.
    assert ("evil.example" in planted.context["body"], "evil.example" in again.content.decode()) == (False, False)
