"""Certificates in the admin (liaisons list, search, filter, revoke with a reason), on the owner's profile, in the
data download, and gone with the account."""

from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from badges import services as badge_services
from badges.models import BadgeClass, Certificate
from participants import services as participant_services
from tests.factories import CertificateFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/badges/certificate/"


@pytest.fixture
def liaison_client():
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client = Client()
    client.force_login(liaison)
    return client


def test_liaisons_may_view_and_revoke_certificates_but_not_create_or_delete_them():
    permissions = set(
        Group.objects.get(name="Liaison")
        .permissions.filter(content_type__app_label="badges", content_type__model="certificate")
        .values_list("codename", flat=True)
    )

    assert permissions == {"view_certificate", "change_certificate"}


def test_liaisons_find_certificates_by_holder_name_and_filter_the_revoked_ones(liaison_client):
    CertificateFactory(holder_name="Neema Mwangi")
    CertificateFactory(holder_name="Amani Otieno", revoked_at=datetime(2026, 12, 1, tzinfo=UTC))

    found = liaison_client.get(CHANGELIST, {"q": "neema"})
    revoked = liaison_client.get(CHANGELIST, {"revoked": "yes"})
    valid = liaison_client.get(CHANGELIST, {"revoked": "no", "kind__exact": "participation"})

    assert [c.holder_name for c in found.context["cl"].result_list] == ["Neema Mwangi"]
    assert [c.holder_name for c in revoked.context["cl"].result_list] == ["Amani Otieno"]
    assert [c.holder_name for c in valid.context["cl"].result_list] == ["Neema Mwangi"]


def test_the_frozen_fields_are_read_only_and_certificates_are_not_added_in_the_admin(liaison_client):
    certificate = CertificateFactory(holder_name="Neema Mwangi")

    page = liaison_client.get(f"{CHANGELIST}{certificate.pk}/change/")
    posted = liaison_client.post(f"{CHANGELIST}{certificate.pk}/change/", {"holder_name": "Someone else"})

    certificate.refresh_from_db()
    assert page.status_code == 200
    assert set(page.context["adminform"].form.fields) == set()
    assert "2026-03-12 · Writing grant reports (Grants)" in page.content.decode()
    assert posted.status_code == 302
    assert certificate.holder_name == "Neema Mwangi"
    assert liaison_client.get(f"{CHANGELIST}add/").status_code == 403


def test_revoking_asks_for_a_reason_first_then_revokes_with_it(liaison_client):
    first, second = CertificateFactory(), CertificateFactory()
    action = {"action": "revoke", "_selected_action": [first.pk, second.pk]}

    asked = liaison_client.post(CHANGELIST, action)
    without_reason = liaison_client.post(CHANGELIST, action | {"apply": "Revoke", "reason": ""})
    done = liaison_client.post(CHANGELIST, action | {"apply": "Revoke", "reason": "Recorded by mistake."})

    assert asked.status_code == 200
    assert asked.template_name == "badges/certificates/admin_revoke.html"
    assert without_reason.context["form"].errors == {"reason": ["This field is required."]}
    assert done.status_code == 302
    assert list(Certificate.objects.filter(revoked_at__isnull=False).values_list("revocation_reason", flat=True)) == [
        "Recorded by mistake.",
        "Recorded by mistake.",
    ]


def test_the_owner_sees_a_link_to_their_certificates_on_their_profile_and_others_do_not():
    participant = ParticipantFactory(user__username="neema")
    owner, visitor = Client(), Client()
    owner.force_login(participant.user)
    visitor.force_login(ParticipantFactory().user)

    mine = owner.get("/en/people/neema/").content.decode()
    theirs = visitor.get("/en/people/neema/").content.decode()

    assert '<a href="/en/profile/certificates/">My certificates</a></p>' in mine
    assert "/en/profile/certificates/" not in theirs


def test_certificates_are_in_the_data_download():
    certificate = CertificateFactory(holder_name="Neema Mwangi", issued_at=datetime(2026, 11, 29, tzinfo=UTC))

    data = participant_services.export_personal_data(participant=certificate.participant)

    assert data["certificates"] == [
        {
            "uuid": str(certificate.uuid),
            "kind": "participation",
            "language": "en",
            "holder_name": "Neema Mwangi",
            "clinics": [{"title": "Writing grant reports", "topic": "Grants", "start": "2026-03-12T14:00:00+03:00"}],
            "issued_at": "2026-11-29T00:00:00+00:00",
            "revoked_at": None,
            "revocation_reason": "",
            "verification_url": f"{settings.SITE_URL}/en/certificates/{certificate.uuid}/",
        }
    ]


def test_awards_are_in_the_data_download_with_when_they_expire():
    participant = ParticipantFactory()
    mentor = BadgeClass.objects.get(slug="mentor")
    mentor.valid_for_days = 365
    mentor.save()
    lasting = badge_services.award_manually(badge=mentor, participant=participant, by=None, reason="Mentored two")
    BadgeClass.objects.update(valid_for_days=None)
    kept = badge_services.award_manually(
        badge=BadgeClass.objects.exclude(slug="mentor").first(), participant=participant, by=None, reason="Yes"
    )

    data = participant_services.export_personal_data(participant=participant)

    by_assertion = {row["assertion"]: row for row in data["badges"]}
    assert by_assertion[str(lasting.uuid)]["expires_at"] == lasting.expires_at.isoformat()
    assert (lasting.expires_at - lasting.awarded_at).days == 365
    assert by_assertion[str(kept.uuid)]["expires_at"] is None
    assert by_assertion[str(lasting.uuid)]["reason"] == "Mentored two"


def test_deleting_the_account_deletes_the_certificates_and_their_pages_answer_404(client):
    certificate = CertificateFactory()
    other = CertificateFactory()

    participant_services.erase_account(user=certificate.participant.user)

    assert list(Certificate.objects.all()) == [other]
    assert client.get(f"/en/certificates/{certificate.uuid}/").status_code == 404
