"""Times where people read them: the home page, the clinic list and the skill pages show a clinic's start in the
reader's own zone and in UTC once; without a zone in the profile, UTC, marked for the browser to add its zone."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

START = datetime(2030, 5, 14, 6, 12, tzinfo=UTC)
LOCAL = '<time datetime="2030-05-14T09:12:00+03:00">May 14, 2030, 9:12\u202fAM</time> (Africa/Nairobi) · '
UTC_FOR_A_ZONE = '<time class="when__utc" datetime="2030-05-14T06:12:00+00:00">May 14, 2030, 6:12\u202fAM UTC</time>'
UTC_FOR_THE_BROWSER = (
    '<time class="when__utc" data-local-time="{1}, {0}" datetime="2030-05-14T06:12:00+00:00">'
    "May 14, 2030, 6:12\u202fAM UTC</time>"
)


@pytest.fixture
def clinic(skill):
    clinic = ClinicFactory(title="Grants 101", start=START)
    clinic.skills.add(skill)
    return clinic


@pytest.fixture
def skill():
    from skills.models import Skill

    return Skill.objects.order_by("pk").first()


def _pages(skill):
    return [reverse("home"), reverse("clinics:list"), reverse("skills:skill", kwargs={"slug": skill.slug})]


def test_every_list_shows_a_person_with_a_zone_their_time_and_utc_once(client, clinic, skill):
    client.force_login(ParticipantFactory(time_zone="Africa/Nairobi").user)

    for url in _pages(skill):
        html = client.get(url).content.decode()
        assert (url, html.count(LOCAL + UTC_FOR_A_ZONE), html.count("6:12\u202fAM")) == (url, 1, 1)


def test_every_list_shows_utc_once_to_a_person_without_a_zone_for_the_browser_to_add_its_own(client, clinic, skill):
    client.force_login(ParticipantFactory(time_zone="").user)

    for url in _pages(skill):
        html = client.get(url).content.decode()
        assert (url, html.count(UTC_FOR_THE_BROWSER), "Africa/Nairobi" in html) == (url, 1, False)


def test_the_kept_clinic_list_is_not_shared_between_time_zones(client, clinic):
    nairobi, lima = ParticipantFactory(time_zone="Africa/Nairobi"), ParticipantFactory(time_zone="America/Lima")

    client.force_login(nairobi.user)
    first = client.get(reverse("clinics:list")).content.decode()
    client.force_login(lima.user)
    second = client.get(reverse("clinics:list")).content.decode()
    client.logout()
    anonymous = client.get(reverse("clinics:list")).content.decode()

    assert ("(Africa/Nairobi)" in first, "(America/Lima)" in second, "May 14, 2030, 1:12\u202fAM" in second) == (
        True,
        True,
        True,
    )
    assert (UTC_FOR_THE_BROWSER in anonymous, "(America/Lima)" in anonymous) == (True, False)


def test_the_monthly_digest_prints_the_local_time_and_utc_once_or_utc_alone():
    from outreach import emails

    with_zone = ParticipantFactory(time_zone="Africa/Nairobi")
    without_zone = ParticipantFactory(time_zone="")
    clinic = ClinicFactory(title="Grants 101", start=START)
    contents = {"clinics": [clinic], "new_resources": [], "new_sharers": []}

    zoned = emails.digest_draft(with_zone, contents).body
    plain = emails.digest_draft(without_zone, contents).body

    assert "May 14, 2030, 9:12\u202fAM (Africa/Nairobi) · May 14, 2030, 6:12\u202fAM UTC\n" in zoned
    assert "  May 14, 2030, 6:12\u202fAM UTC\n" in plain
    assert (plain.count("6:12\u202fAM"), "(UTC)" in plain) == (1, False)
