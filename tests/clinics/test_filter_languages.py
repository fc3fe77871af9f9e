"""The clinic list's filter menus say the language of a topic or skill named in a fallback language, as the rest of
the page does (`lang` and `dir` on the option), and nothing for names in the page's own language."""

import re

import pytest

from tests.factories import ClinicFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _option(html, value):
    return re.search(rf'<option value="{value}"[^>]*>', html).group(0)


def test_a_topic_named_only_in_english_says_so_in_the_arabic_filter_menu(client):
    english_only = TopicFactory(slug="grants", name_en="Grants", name_ar="")
    translated = TopicFactory(slug="wikidata-basics", name_en="Wikidata basics", name_ar="أساسيات ويكي بيانات")
    ClinicFactory(topic=english_only)
    ClinicFactory(topic=translated)

    arabic = client.get("/ar/clinics/").content.decode()
    english = client.get("/en/clinics/").content.decode()

    assert _option(arabic, "grants") == '<option value="grants" lang="en" dir="ltr">'
    assert _option(arabic, "wikidata-basics") == '<option value="wikidata-basics">'
    assert _option(english, "grants") == '<option value="grants">'
