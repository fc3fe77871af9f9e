"""Certificates in a browser: a participant gets theirs in Arabic, and anyone checks it in English and Arabic."""

from datetime import UTC, datetime
from io import BytesIO

from pypdf import PdfReader

from badges.models import Certificate
from clinics.models import Clinic
from tests.badges.qr import decode
from tests.browser.conftest import signed_in_context
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, TopicFactory


def test_a_participant_gets_an_arabic_certificate_that_anyone_can_check(chromium, live_server, assert_accessible):
    participant = ParticipantFactory(display_name="نزار القباني", email_language="ar")
    topic = TopicFactory(name_en="Grants", name_ar="إدارة المنح")
    clinic = ClinicFactory(
        title_en="Editing workshop",
        title_ar="ورشة تحرير ويكيبيديا",
        topic=topic,
        status=Clinic.Status.HELD,
        start=datetime(2026, 3, 12, 11, tzinfo=UTC),
    )
    AttendanceFactory(participant=participant, clinic=clinic)

    # The participant asks for their certificate; the form already says Arabic, their language for emails.
    context, page = signed_in_context(chromium, live_server, participant.user, accept_downloads=True)
    page.goto("/ar/profile/certificates/")
    assert_accessible(page)
    assert page.input_value("#id_language") == "ar"
    with page.expect_download() as download:
        page.locator("form.form button[type=submit]").click()
    pdf = PdfReader(BytesIO(download.value.path().read_bytes()))
    certificate = Certificate.objects.get()
    (image,) = pdf.pages[0].images
    assert decode(image.image).endswith(f"/ar/certificates/{certificate.uuid}/")
    context.close()

    # Anyone checks it, in Arabic and in English, without signing in.
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    for language in ("ar", "en"):
        page.goto(f"/{language}/certificates/{certificate.uuid}/")
        assert_accessible(page)
        assert page.locator("th[scope=row]").inner_text() == "ورشة تحرير ويكيبيديا"
    assert "نزار القباني" in page.locator(".cdx-message--success").inner_text()
    context.close()
