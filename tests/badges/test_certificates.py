"""Certificates of participation and contribution: issued from what the clinics recorded, printed as PDFs in the
holder's language (Arabic shaped and right to left), checked by anyone on their public page."""

import unicodedata
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.test import Client

from badges import certificate_services as services
from badges.certificates import render_certificate_pdf
from badges.models import Certificate
from clinics.models import Clinic
from tests.factories import (
    AttendanceFactory,
    CertificateFactory,
    ClinicFactory,
    ClinicSharerFactory,
    ParticipantFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ISSUED = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def held_clinic(**fields):
    """A clinic that took place on 12 March 2026 at 14:00 in Nairobi (11:00 UTC)."""
    fields.setdefault("start", datetime(2026, 3, 12, 11, 0, tzinfo=UTC))
    return ClinicFactory(status=Clinic.Status.HELD, planned_time_zone="Africa/Nairobi", **fields)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def nfkc(text):
    return unicodedata.normalize("NFKC", text)


# Issuing


def test_a_participant_who_attended_a_held_clinic_gets_a_certificate_of_participation():
    participant = ParticipantFactory(display_name="Neema Mwangi")
    AttendanceFactory(participant=participant, clinic=held_clinic(title="Writing grant reports"))
    client = signed_in(participant.user)

    response = client.post("/en/profile/certificates/", {"kind": "participation", "language": "en"})

    certificate = Certificate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/{certificate.uuid}.pdf"
    assert (certificate.participant, certificate.kind, certificate.language, certificate.holder_name) == (
        participant,
        "participation",
        "en",
        "Neema Mwangi",
    )
    assert certificate.clinics == [
        {
            "title": "Writing grant reports",
            "topic": certificate.clinics[0]["topic"],
            "start": "2026-03-12T14:00:00+03:00",
        }
    ]


def test_only_held_clinics_go_on_a_certificate_in_the_order_they_took_place():
    participant = ParticipantFactory()
    AttendanceFactory(
        participant=participant, clinic=held_clinic(title="Second", start=datetime(2026, 5, 1, tzinfo=UTC))
    )
    AttendanceFactory(
        participant=participant, clinic=held_clinic(title="First", start=datetime(2026, 1, 5, tzinfo=UTC))
    )
    AttendanceFactory(participant=participant, clinic=ClinicFactory(title="Upcoming"))
    AttendanceFactory(participant=participant, clinic=ClinicFactory(title="Called off", status=Clinic.Status.CANCELLED))

    certificate = services.issue_certificate(participant=participant, kind="participation", language="en")

    assert [clinic["title"] for clinic in certificate.clinics] == ["First", "Second"]


def test_a_sharer_gets_a_certificate_of_contribution_listing_only_the_clinics_they_shared():
    participant = ParticipantFactory()
    ClinicSharerFactory(
        participant=participant, clinic=held_clinic(title="Grants 101", topic=TopicFactory(name="Grants"))
    )
    AttendanceFactory(participant=participant, clinic=held_clinic(title="Attended only"))

    certificate = services.issue_certificate(participant=participant, kind="contribution", language="en")

    assert certificate.kind == "contribution"
    assert certificate.clinics == [{"title": "Grants 101", "topic": "Grants", "start": "2026-03-12T14:00:00+03:00"}]


def test_a_certificate_freezes_titles_and_topics_in_its_language_with_english_where_untranslated():
    participant = ParticipantFactory()
    topic = TopicFactory(name_en="Grants", name_fr="Subventions")
    AttendanceFactory(
        participant=participant, clinic=held_clinic(title_en="Grant reports", title_fr="Rapports", topic=topic)
    )
    AttendanceFactory(
        participant=participant,
        clinic=held_clinic(title_en="Untranslated", topic=topic, start=datetime(2026, 4, 1, 9, tzinfo=UTC)),
    )

    certificate = services.issue_certificate(participant=participant, kind="participation", language="fr")
    Clinic.objects.update(title_fr="Renamed later")

    certificate.refresh_from_db()
    assert [(clinic["title"], clinic["topic"]) for clinic in certificate.clinics] == [
        ("Rapports", "Subventions"),
        ("Untranslated", "Subventions"),
    ]


def test_asking_again_with_nothing_new_returns_the_same_certificate():
    participant = ParticipantFactory()
    AttendanceFactory(participant=participant, clinic=held_clinic())

    first = services.issue_certificate(participant=participant, kind="participation", language="en")
    again = services.issue_certificate(participant=participant, kind="participation", language="en")

    assert again == first
    assert Certificate.objects.count() == 1


def test_a_new_clinic_a_new_name_or_another_language_issues_a_new_certificate_and_the_old_one_stays_valid():
    participant = ParticipantFactory(display_name="Neema")
    AttendanceFactory(participant=participant, clinic=held_clinic())
    first = services.issue_certificate(participant=participant, kind="participation", language="en")

    AttendanceFactory(participant=participant, clinic=held_clinic(start=datetime(2026, 6, 1, tzinfo=UTC)))
    after_clinic = services.issue_certificate(participant=participant, kind="participation", language="en")
    participant.display_name = "Neema Mwangi"
    participant.save()
    after_rename = services.issue_certificate(participant=participant, kind="participation", language="en")
    in_french = services.issue_certificate(participant=participant, kind="participation", language="fr")

    assert len({first.pk, after_clinic.pk, after_rename.pk, in_french.pk}) == 4
    assert (len(after_clinic.clinics), after_rename.holder_name) == (2, "Neema Mwangi")
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 4


def test_a_revoked_certificate_is_not_handed_out_again():
    participant = ParticipantFactory()
    AttendanceFactory(participant=participant, clinic=held_clinic())
    first = services.issue_certificate(participant=participant, kind="participation", language="en")
    services.revoke_certificate(certificate=first, reason="Issued by mistake")

    second = services.issue_certificate(participant=participant, kind="participation", language="en")

    assert second.pk != first.pk
    assert second.revoked_at is None


def test_the_form_offers_the_kinds_earned_and_the_email_language_first():
    participant = ParticipantFactory(email_language="sw")
    AttendanceFactory(participant=participant, clinic=held_clinic())

    response = signed_in(participant.user).get("/en/profile/certificates/")

    form = response.context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["participation"]
    assert form["language"].value() == "sw"
    assert [code for code, _name in form.fields["language"].choices] == [code for code, _name in settings.LANGUAGES]


def test_a_participant_with_nothing_to_certify_sees_why_and_cannot_ask():
    participant = ParticipantFactory()
    AttendanceFactory(participant=participant, clinic=ClinicFactory())  # not held yet
    client = signed_in(participant.user)

    page = client.get("/en/profile/certificates/")
    posted = client.post("/en/profile/certificates/", {"kind": "participation", "language": "en"})

    assert page.status_code == 200
    assert "There is nothing to certify yet" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert posted.status_code == 400
    assert Certificate.objects.count() == 0


def test_a_kind_not_earned_is_refused_with_a_message():
    participant = ParticipantFactory()
    AttendanceFactory(participant=participant, clinic=held_clinic())

    response = signed_in(participant.user).post("/en/profile/certificates/", {"kind": "contribution", "language": "en"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "kind": ["Select a valid choice. contribution is not one of the available choices."]
    }
    assert Certificate.objects.count() == 0


def test_my_certificates_asks_to_sign_in_and_then_for_a_profile():
    anonymous = Client().get("/en/profile/certificates/")
    without_profile = signed_in(UserFactory()).get("/en/profile/certificates/")

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/")
    assert without_profile["Location"] == "/en/welcome/"


# The PDF


def test_the_english_pdf_names_the_holder_the_clinics_the_issue_date_and_the_verification_address(read_pdf):
    participant = ParticipantFactory(display_name="Neema Mwangi")
    clinic = held_clinic(title="Writing grant reports that funders read", topic=TopicFactory(name="Grants"))
    AttendanceFactory(participant=participant, clinic=clinic)
    certificate = services.issue_certificate(participant=participant, kind="participation", language="en")
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=ISSUED)

    response = signed_in(participant.user).get(f"/en/certificates/{certificate.uuid}.pdf")

    pdf = read_pdf(response.content)
    lines = pdf.text.splitlines()
    url = f"{settings.SITE_URL}/en/certificates/{certificate.uuid}/"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private"
    assert response["Content-Disposition"] == f'attachment; filename="letsconnect-certificate-{certificate.uuid}.pdf"'
    assert pdf.reader.pages[0].mediabox[2:] == [595.28, 841.89]  # A4 in points
    assert lines[:7] == [
        "Let’s Connect",
        "The Wikimedia movement’s peer-learning program",
        "Certificate of participation",
        "This certifies that",
        "Neema Mwangi",
        "took part in the following Learning Clinics of the program:",
        "Date Learning Clinic Topic",
    ]
    assert "March 12, 2026 Writing grant reports that funders read Grants" in lines
    assert "Issued on November 29, 2026." in lines
    assert url in lines


def test_the_contribution_pdf_says_the_holder_shared_their_skills(read_pdf):
    certificate = CertificateFactory(kind=Certificate.Kind.CONTRIBUTION, holder_name="Amani Otieno")

    text = read_pdf(render_certificate_pdf(certificate)).text

    assert "Certificate of contribution\nThis certifies that\nAmani Otieno\nshared their skills at" in text


def test_the_arabic_pdf_is_shaped_right_to_left_with_the_table_mirrored(read_pdf):
    participant = ParticipantFactory(display_name="نزار القباني")
    topic = TopicFactory(name_en="Grants", name_ar="إدارة المنح")
    AttendanceFactory(
        participant=participant,
        clinic=held_clinic(title_en="Editing workshop", title_ar="ورشة تحرير ويكيبيديا", topic=topic),
    )
    certificate = services.issue_certificate(participant=participant, kind="participation", language="ar")
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=ISSUED)

    response = signed_in(participant.user).get(f"/ar/certificates/{certificate.uuid}.pdf")

    pdf = read_pdf(response.content)
    text = nfkc(pdf.text)
    # pypdf gives Arabic back word by word in reading order; the letters come back from their shaped forms.
    for word in ["نزار", "القباني", "ورشة", "تحرير", "ويكيبيديا", "إدارة", "المنح", "مارس", "نوفمبر"]:
        assert nfkc(word) in text
    assert f"{settings.SITE_URL}/ar/certificates/{certificate.uuid}/" in text.splitlines()
    # Shaped: the letters are drawn in their joined forms (initial noon, medial beh), which an unshaped text lacks.
    assert {"uniFEE7", "uniFE92"} <= pdf.glyph_names()
    fragments = pdf.fragments()
    x_of = {name: min(x for text, x, _y in fragments if name in text) for name in ["ورشة", "المنح", "2026", "نوفمبر"]}
    # Mirrored table: date on the right, then the clinic, the topic on the left.
    assert x_of["2026"] > x_of["ورشة"] > x_of["المنح"]
    # Right-aligned: the issue date starts in the right half of the page.
    assert x_of["نوفمبر"] > float(pdf.reader.pages[0].mediabox[2]) / 2


def test_the_english_table_reads_left_to_right_and_its_text_starts_at_the_left_margin(read_pdf):
    certificate = CertificateFactory(
        issued_at=ISSUED,
        clinics=[{"title": "Grant reports", "topic": "Grants", "start": "2026-03-12T14:00:00+03:00"}],
    )

    pdf = read_pdf(render_certificate_pdf(certificate))

    fragments = pdf.fragments()
    x_of = {
        name: min(x for text, x, _y in fragments if name in text)
        for name in ["March 12", "Grant reports", "Grants", "Issued"]
    }
    assert x_of["March 12"] < x_of["Grant reports"] < x_of["Grants"]
    assert x_of["Issued"] < float(pdf.reader.pages[0].mediabox[2]) / 4
    assert not any(name.startswith("uniFE") for name in pdf.glyph_names())


def test_the_qr_code_is_the_verification_address(read_pdf):
    certificate = CertificateFactory(language="fr")

    pdf = read_pdf(render_certificate_pdf(certificate))

    from tests.badges.qr import decode

    (image,) = pdf.images()
    assert decode(image) == f"{settings.SITE_URL}/fr/certificates/{certificate.uuid}/"


def test_a_long_list_of_clinics_runs_onto_a_second_page_with_the_address_on_each(read_pdf):
    clinics = [
        {"title": f"Clinic number {number}", "topic": "Grants", "start": "2026-03-12T14:00:00+03:00"}
        for number in range(30)
    ]
    certificate = CertificateFactory(clinics=clinics)

    pdf = read_pdf(render_certificate_pdf(certificate))

    url = f"{settings.SITE_URL}/en/certificates/{certificate.uuid}/"
    assert len(pdf.reader.pages) == 2
    assert all(url in page.extract_text() for page in pdf.reader.pages)
    assert all(f"Clinic number {number} " in pdf.text for number in range(30))


# Who may download the PDF


def test_the_holder_and_liaisons_download_the_pdf_and_nobody_else_learns_it_exists():
    from django.contrib.auth.models import Group

    certificate = CertificateFactory()
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    url = f"/en/certificates/{certificate.uuid}.pdf"

    assert signed_in(certificate.participant.user).get(url).status_code == 200
    assert signed_in(liaison).get(url).status_code == 200
    assert signed_in(ParticipantFactory().user).get(url).status_code == 404
    assert signed_in(UserFactory(is_staff=True)).get(url).status_code == 404  # staff without the permission
    assert Client().get(url).status_code == 404


def test_the_holder_cannot_download_a_revoked_certificate():
    certificate = CertificateFactory(revoked_at=ISSUED, revocation_reason="Issued by mistake")

    response = signed_in(certificate.participant.user).get(f"/en/certificates/{certificate.uuid}.pdf")

    assert response.status_code == 404


# The public verification page


def test_the_verification_page_says_a_certificate_is_genuine_and_shows_only_what_it_certified(client):
    participant = ParticipantFactory(
        display_name="Neema Mwangi", user__email="neema@example.org", bio="Private-ish bio"
    )
    certificate = CertificateFactory(participant=participant, issued_at=ISSUED)

    response = client.get(f"/en/certificates/{certificate.uuid}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Genuine: issued by Let’s Connect on November 29, 2026 to <bdi>Neema Mwangi</bdi>." in page
    assert "Certificate of participation" in page
    assert '<th scope="row" lang="en" dir="auto">Writing grant reports</th>' in page
    assert '<time datetime="2026-03-12">March 12, 2026</time>' in page
    assert "neema@example.org" not in page
    assert "Private-ish bio" not in page
    assert participant.user.username not in page


def test_the_verification_page_of_a_revoked_certificate_says_when_and_why(client):
    certificate = CertificateFactory(holder_name="Neema Mwangi", issued_at=ISSUED)
    services.revoke_certificate(
        certificate=certificate, reason="The attendance was recorded by mistake.", now=datetime(2026, 12, 3, tzinfo=UTC)
    )

    page = client.get(f"/en/certificates/{certificate.uuid}/").content.decode()

    assert "Genuine" not in page
    assert "Revoked: this certificate is no longer valid." in page
    assert (
        "Let’s Connect issued it on November 29, 2026 to <bdi>Neema Mwangi</bdi>, and revoked it on December 3, 2026."
        in page
    )
    assert "Reason: The attendance was recorded by mistake." in page


def test_revoking_twice_keeps_the_first_date_and_reason():
    certificate = CertificateFactory()
    services.revoke_certificate(certificate=certificate, reason="First", now=ISSUED)

    services.revoke_certificate(certificate=certificate, reason="Second", now=datetime(2027, 1, 1, tzinfo=UTC))

    certificate.refresh_from_db()
    assert (certificate.revoked_at, certificate.revocation_reason) == (ISSUED, "First")


def test_an_unknown_certificate_is_a_404_page(client):
    response = client.get("/en/certificates/6f1c1f7e-0000-4000-8000-000000000000/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_verification_page_is_in_the_reader_language_with_the_clinics_as_frozen(client):
    certificate = CertificateFactory(
        language="ar", clinics=[{"title": "ورشة تحرير", "topic": "المنح", "start": "2026-03-12T14:00:00+03:00"}]
    )

    page = client.get(f"/fr/certificates/{certificate.uuid}/").content.decode()

    assert '<html lang="fr" dir="ltr">' in page
    assert '<th scope="row" lang="ar" dir="auto">ورشة تحرير</th>' in page
    assert "12 mars 2026" in page


@pytest.mark.parametrize("clinic_count", [1, 3])
def test_the_verification_page_needs_the_same_queries_for_any_number_of_clinics(
    client, django_assert_max_num_queries, clinic_count
):
    clinics = [
        {"title": f"Clinic {n}", "topic": "Grants", "start": "2026-03-12T14:00:00+03:00"} for n in range(clinic_count)
    ]
    certificate = CertificateFactory(clinics=clinics)

    with django_assert_max_num_queries(1):
        response = client.get(f"/en/certificates/{certificate.uuid}/")

    assert response.content.decode().count('<th scope="row"') == clinic_count


@pytest.mark.parametrize("certificate_count", [1, 3])
def test_my_certificates_needs_the_same_queries_for_any_number_of_certificates(
    django_assert_max_num_queries, certificate_count
):
    participant = ParticipantFactory()
    AttendanceFactory(participant=participant, clinic=held_clinic())
    CertificateFactory.create_batch(certificate_count, participant=participant)
    client = signed_in(participant.user)

    with django_assert_max_num_queries(7):
        response = client.get("/en/profile/certificates/")

    assert response.content.decode().count("Public page</a>") == certificate_count


def test_a_name_the_pdf_fonts_cannot_print_is_pointed_out_before_asking():
    participant = ParticipantFactory(display_name="𓀀𓁐 Sharma")  # Egyptian hieroglyphs: no certificate font has them
    AttendanceFactory(participant=participant, clinic=held_clinic())

    page = signed_in(participant.user).get("/en/profile/certificates/").content.decode()

    assert "The PDF cannot print some letters of your display name yet (𓀀𓁐)" in page


def test_names_in_the_scripts_noto_covers_print_without_a_warning():
    participant = ParticipantFactory(display_name="राम Sharma 王小明 ኃይሌ")
    AttendanceFactory(participant=participant, clinic=held_clinic())

    page = signed_in(participant.user).get("/en/profile/certificates/").content.decode()

    assert "cannot print" not in page


def test_names_in_latin_arabic_greek_or_cyrillic_print_without_a_warning():
    participant = ParticipantFactory(display_name="Neema نزار Ελένη Алёна")
    AttendanceFactory(participant=participant, clinic=held_clinic())

    page = signed_in(participant.user).get("/en/profile/certificates/").content.decode()

    assert "cannot print" not in page
