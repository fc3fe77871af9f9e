"""The browser's own time zone, added beside UTC by static/js/local-time.js, is written in the same CLDR form as the
server writes dates (letsconnect/dates.py): the same date, time and joining pattern in Arabic and Spanish."""

from datetime import UTC, datetime

import pytest

from letsconnect import dates
from tests.factories import ClinicFactory

START = datetime(2030, 5, 14, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", "14 مايو 2030، 2:00 م"), ("es", "14 de mayo de 2030, 14:00")]
)
def test_the_browsers_local_time_is_written_as_the_server_writes_it(chromium, live_server, language, expected):
    clinic = ClinicFactory(title="Writing grant reports", start=START)
    context = chromium.new_context(base_url=live_server.url, timezone_id="Africa/Nairobi", locale=language)
    page = context.new_page()

    page.goto(clinic.get_absolute_url().replace("/en/", f"/{language}/"))
    local = page.locator(".when__local").inner_text()
    context.close()

    assert dates.format_datetime(START, language=language, time_zone="Africa/Nairobi") == expected
    # Chromium writes some spaces as no-break spaces where CLDR has plain ones, or the other way round.
    assert " ".join(local.split()) == " ".join(expected.split())
