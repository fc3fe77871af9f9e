"""Bidirectional text on Arabic pages: other-language text says its language and direction; people's words are
isolated from the page's direction."""

import pytest
from django.test import Client

from tests.factories import ClinicFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_an_english_purpose_shown_on_the_arabic_clinic_page_carries_its_language_and_direction():
    clinic = ClinicFactory(title_en="Grant writing", title_ar="كتابة المنح", purpose_en="A two-hour session.")

    page = Client().get(f"/ar/clinics/{clinic.slug}/").content.decode()

    assert '<p lang="en" dir="ltr">A two-hour session.</p>' in page
    assert "<h1>كتابة المنح</h1>" in page


def test_names_and_bios_on_the_arabic_profile_are_isolated_and_autonyms_say_their_language():
    participant = ParticipantFactory(display_name="Neema Mwangi", bio="I edit Swahili Wikipedia.", listed=True)
    participant.languages.create(language="arz", level="N")
    participant.languages.create(language="sw", level="4")

    page = Client().get(participant.get_absolute_url().replace("/en/", "/ar/")).content.decode()

    assert '<h1 id="profile-name"><bdi>Neema Mwangi</bdi>' in page
    assert '<p class="profile__bio" dir="auto">I edit Swahili Wikipedia.</p>' in page
    assert '<span lang="arz" dir="rtl">مصرى</span>' in page
    assert "<span>السواحلية</span>" in page
