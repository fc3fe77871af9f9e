"""Fixtures for the participants tests: a profile form as a browser posts it."""

import pytest


def profile_post(**overrides):
    """The POST data of the profile form with one language and one home wiki, as a browser sends it."""
    data = {
        "display_name": "Neema Mwangi",
        "country": "TZ",
        "role": "independent-organiser",
        "consent": "on",
        "email_language": "sw",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "12",
        "languages-0-language": "sw",
        "languages-0-level": "N",
        "languages-1-language": "",
        "languages-1-level": "3",
        "wikis-TOTAL_FORMS": "2",
        "wikis-INITIAL_FORMS": "0",
        "wikis-MIN_NUM_FORMS": "0",
        "wikis-MAX_NUM_FORMS": "12",
        "wikis-0-project": "wikipedia",
        "wikis-0-language": "sw",
        "wikis-1-project": "",
        "wikis-1-language": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def profile_data():
    return profile_post
