"""Language names in the reader's language: CLDR first, then MediaWiki's autonyms, English only for English."""

import pytest
from django.utils import translation

from participants.languages import LanguageName, language_choices, language_codes, language_label


@pytest.mark.parametrize(
    ("code", "reader", "expected"),
    [
        ("yue", "ar", LanguageName("الكَنْتُونية", "ar", "rtl")),
        ("zh-yue", "es", LanguageName("Cantonés", "es", "ltr")),
        ("arz", "ar", LanguageName("مصرى", "arz", "rtl")),
        ("ary", "ar", LanguageName("الدارجة", "ary", "rtl")),
        ("bjn", "ar", LanguageName("Banjar", "bjn", "ltr")),
        ("dag", "sw", LanguageName("Dagbanli", "dag", "ltr")),
        ("dag", "en", LanguageName("Dagbani", "en", "ltr")),
        ("be-tarask", "en", LanguageName("Belarusian (Taraškievica orthography)", "en", "ltr")),
        ("bat-smg", "fr", LanguageName("Samogitien", "fr", "ltr")),
        ("simple", "pt", LanguageName("Simple English", "simple", "ltr")),
    ],
)
def test_a_language_is_named_in_the_readers_language_or_in_its_own(code, reader, expected):
    assert language_label(code, reader) == expected


def test_no_arabic_list_offers_an_english_name_where_the_language_has_a_better_one():
    with translation.override("ar"):
        names = dict(language_choices())

    assert names["ar"] == "العربية"
    assert names["arz"] == "مصرى"
    assert names["ary"] == "الدارجة"
    assert names["bjn"] == "Banjar"  # its own name, which MediaWiki writes in Latin letters


def test_every_language_of_a_wiki_is_a_language_people_can_speak():
    assert {"dag", "yue", "be-tarask", "kbp", "nqo", "shn", "igl", "kus", "tly", "sw", "en"} <= language_codes()
    assert "simple" not in language_codes()
