"""Dates by CLDR, the same way everywhere: in each shipped language the clinic page, the reminder email and the
certificate write a day and a time in the one form `letsconnect.dates` gives (Babel's long date, short time)."""

import unicodedata
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time
from django.test import Client

from badges import certificate_services
from badges.certificates import render_certificate_pdf
from badges.models import Certificate
from clinics import reminders
from clinics.models import Clinic
from letsconnect import dates
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

# 14 May 2030, 11:00 UTC: 14:00 in Nairobi, the participant's zone.
START = datetime(2030, 5, 14, 11, 0, tzinfo=UTC)
# language: (the day, the day and Nairobi's time), as CLDR writes them.
EXPECTED = {
    "en": ("May 14, 2030", "May 14, 2030, 2:00\u202fPM"),
    "es": ("14 de mayo de 2030", "14 de mayo de 2030, 14:00"),
    "fr": ("14 mai 2030", "14 mai 2030, 14:00"),
    "ar": ("14 مايو 2030", "14 مايو 2030، 2:00 م"),
    "pt": ("14 de maio de 2030", "14 de maio de 2030 14:00"),
    "sw": ("14 Mei 2030", "14 Mei 2030 14:00"),
}
ISSUED_ON = {
    "en": "Issued on May 14, 2030.",
    "es": "Emitido el 14 de mayo de 2030.",
    "fr": "Délivrée le 14 mai 2030.",
    "pt": "Emitido em 14 de maio de 2030.",
    "sw": "Kimetolewa tarehe 14 Mei 2030.",
    # pypdf reads a right-to-left line back in the order it is drawn: "صدرت هذه الشهادة في 14 مايو 2030." read
    # from the left (the words joined by HarfBuzz, back to their plain letters by NFKC).
    "ar": ".2030  مايو14 صدرت هذه الشهادة في",
}


@pytest.fixture
def participant():
    return ParticipantFactory(display_name="Neema Mwangi", time_zone="Africa/Nairobi")


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar", "pt", "sw"])
def test_the_expected_forms_are_cldrs_long_date_and_short_time(language):
    day, day_and_time = EXPECTED[language]
    nairobi = START.astimezone(ZoneInfo("Africa/Nairobi"))

    assert day == babel_date(nairobi, "long", locale=language)
    assert babel_time(nairobi, "short", locale=language) in day_and_time
    assert dates.format_date(START, language=language) == day
    assert dates.format_datetime(START, language=language, time_zone="Africa/Nairobi") == day_and_time


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar", "pt", "sw"])
def test_the_clinic_page_the_reminder_and_the_certificate_write_the_date_the_same_way(
    language, participant, mailoutbox, read_pdf
):
    day_and_time = EXPECTED[language][1]
    clinic = ClinicFactory(start=START, title="Writing a grant proposal")
    RegistrationFactory(clinic=clinic, participant=participant, created_at=START - timedelta(days=7))
    participant.email_language = language
    participant.save(update_fields=["email_language"])
    client = Client()
    client.force_login(participant.user)

    page = client.get(f"/{language}/clinics/{clinic.slug}/").content.decode()
    reminders.sweep(now=START - timedelta(hours=23))
    AttendanceFactory(
        participant=participant,
        clinic=ClinicFactory(status=Clinic.Status.HELD, start=datetime(2026, 3, 12, 11, 0, tzinfo=UTC)),
    )
    certificate = certificate_services.issue_certificate(
        participant=participant, kind="participation", language=language
    )
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=START)
    certificate.refresh_from_db()
    text = unicodedata.normalize("NFKC", read_pdf(render_certificate_pdf(certificate)).text)

    assert f'<time datetime="2030-05-14T14:00:00+03:00">{day_and_time}</time> (Africa/Nairobi)' in page
    assert f"{day_and_time} (Africa/Nairobi)" in mailoutbox[0].body
    assert ISSUED_ON[language] in text.splitlines()
