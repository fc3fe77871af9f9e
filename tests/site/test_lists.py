"""Lists of names are joined as the reader's language writes them (CLDR): the directory's cards and the profile."""

import pytest
from django.test import Client

from letsconnect.lists import format_list
from participants.services import refresh_search_document
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_lists_take_each_languages_own_words_and_punctuation():
    assert format_list(["A", "B", "C"], language="en") == "A, B, and C"
    assert format_list(["A", "B", "C"], language="fr") == "A, B et C"
    assert format_list(["أ", "ب", "ج"], language="ar") == "أ وب وج"
    assert format_list(["A"], language="sw") == "A"
    assert format_list([], language="ar") == ""


def test_a_directory_card_lists_the_languages_as_the_page_language_does():
    participant = ParticipantFactory(display_name="Neema Mwangi", listed=True)
    participant.languages.create(language="sw", level="N")
    participant.languages.create(language="en", level="3")
    refresh_search_document(participant=participant)

    english = Client().get("/en/people/").content.decode()
    arabic = Client().get("/ar/people/").content.decode()

    assert '<p class="cdx-card__text__supporting-text">Swahili and English</p>' in english
    assert '<p class="cdx-card__text__supporting-text">السواحلية والإنجليزية</p>' in arabic


def test_the_profile_lists_the_areas_of_work_as_the_page_language_does():
    participant = ParticipantFactory(listed=True, areas_of_work=["education", "governance", "advocacy"])

    english = Client().get(participant.get_absolute_url()).content.decode()
    french = Client().get(participant.get_absolute_url().replace("/en/", "/fr/")).content.decode()

    assert "<dd>Education, Governance, and Advocacy</dd>" in english
    assert "<dd>Éducation, Gouvernance et Plaidoyer</dd>" in french
