"""What others may see of a participant, what the owner can take away, and what deletion leaves behind."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clinics.models import Clinic
from participants.models import HomeWiki, Participant, SpokenLanguage, User
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

PRIVATE = {"email": "kept-secret@example.org", "gender_label": "Non-binary", "age_label": "35–44"}


@pytest.fixture
def private_participant():
    participant = ParticipantFactory(
        user__username="amina",
        user__email=PRIVATE["email"],
        display_name="Amina Okafor",
        gender=Participant.Gender.NON_BINARY,
        gender_self_description="my own words",
        age_range=Participant.AgeRange.FROM_35,
        listed=True,
    )
    SpokenLanguage.objects.create(participant=participant, language="ha", level="N")
    return participant


def _leaks(text):
    return [
        value
        for value in (PRIVATE["email"], "Non-binary", "non-binary", "35–44", "35-44", "my own words")
        if value in text
    ]


def test_another_participant_sees_the_public_profile_without_email_gender_or_age(client, private_participant):
    client.force_login(ParticipantFactory().user)

    response = client.get("/en/people/amina/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Amina Okafor" in page
    assert "Hausa" in page
    assert _leaks(page) == []


def test_an_anonymous_visitor_sees_no_private_field_either(client, private_participant):
    page = client.get("/ar/people/amina/").content.decode()

    assert "Amina Okafor" in page
    assert _leaks(page) == []


def test_a_profile_outside_the_directory_is_hidden_from_others(client):
    hidden = ParticipantFactory(user__username="hidden", listed=False)
    client.force_login(ParticipantFactory().user)

    assert client.get("/en/people/hidden/").status_code == 404
    client.logout()
    assert client.get("/en/people/hidden/").status_code == 404
    client.force_login(hidden.user)
    assert client.get("/en/people/hidden/").status_code == 200


def test_staff_see_a_profile_outside_the_directory(client):
    ParticipantFactory(user__username="hidden", listed=False)
    client.force_login(UserFactory(is_staff=True))

    assert client.get("/en/people/hidden/").status_code == 200


def test_the_affiliation_is_hidden_when_its_owner_says_so(client, private_participant):
    from participants.models import Affiliate

    affiliate = Affiliate.objects.create(name="Wikimedia Test Group", kind="user_group", country_id="NG")
    private_participant.affiliation = Participant.Affiliation.AFFILIATE
    private_participant.show_affiliation = False
    private_participant.save()
    private_participant.affiliates.add(affiliate)

    assert "Wikimedia Test Group" not in client.get("/en/people/amina/").content.decode()


def test_the_owners_data_download_holds_everything_including_private_answers(client, private_participant):
    clinic = ClinicFactory(title="Grant writing", status=Clinic.Status.HELD)
    AttendanceFactory(clinic=clinic, participant=private_participant)
    HomeWiki.objects.create(participant=private_participant, project="wikidata")
    client.force_login(private_participant.user)

    response = client.get(reverse("participants:export"))

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="letsconnect-amina.json"'
    assert data["account"]["email"] == PRIVATE["email"]
    assert data["profile"]["gender"] == "non-binary"
    assert data["profile"]["age_range"] == "35-44"
    assert data["profile"]["languages"] == [{"language": "ha", "level": "N"}]
    assert data["profile"]["home_wikis"] == ["wikidata"]
    assert [row["clinic"] for row in data["clinics_attended"]] == ["Grant writing"]


def test_the_data_download_is_always_the_signed_in_persons_own(client, private_participant):
    other = ParticipantFactory(user__username="other")
    client.force_login(other.user)

    data = json.loads(client.get(reverse("participants:export")).content)

    assert data["account"]["username"] == "other"
    assert _leaks(json.dumps(data, ensure_ascii=False)) == []


def _reauthenticate(client, password="correct horse battery staple"):  # noqa: S107 - the factory password
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302


def test_deleting_the_account_removes_personal_data_and_keeps_attendance_as_anonymous_counts(
    client, private_participant
):
    clinic = ClinicFactory(status=Clinic.Status.HELD)
    AttendanceFactory(clinic=clinic, participant=private_participant)
    AttendanceFactory(clinic=clinic)
    client.force_login(private_participant.user)
    _reauthenticate(client)

    response = client.post(reverse("participants:delete"), {"confirm": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(username="amina").exists()
    assert not Participant.objects.filter(display_name="Amina Okafor").exists()
    assert not SpokenLanguage.objects.filter(language="ha").exists()
    assert clinic.attendances.count() == 2
    assert list(clinic.attendances.filter(anonymous=True).values_list("participant", "name", "email")) == [
        (None, "", "")
    ]


def test_deleting_needs_the_password_when_the_sign_in_is_not_recent(client, private_participant):
    client.force_login(private_participant.user)

    response = client.post(reverse("participants:delete"), {"confirm": "yes"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.filter(username="amina").exists()


def test_deleting_without_ticking_the_box_deletes_nothing(client, private_participant):
    client.force_login(private_participant.user)
    _reauthenticate(client)

    response = client.post(reverse("participants:delete"), {})

    assert response.status_code == 400
    assert User.objects.filter(username="amina").exists()


def test_preferences_change_listing_and_email_settings(client, private_participant):
    client.force_login(private_participant.user)

    response = client.post(
        reverse("participants:preferences"),
        {"listed": "", "show_affiliation": "on", "email_language": "ar", "reminders_enabled": ""},
    )

    private_participant.refresh_from_db()
    assert response.status_code == 302
    assert (
        private_participant.listed,
        private_participant.email_language,
        private_participant.reminders_enabled,
        private_participant.messages_enabled,
    ) == (False, "ar", False, False)


def test_the_admin_list_and_its_csv_export_hold_no_email_gender_or_age(client, private_participant):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)

    changelist = client.get(reverse("admin:participants_participant_changelist"))
    change_form = client.get(reverse("admin:participants_participant_change", args=[private_participant.pk]))
    export = client.post(
        reverse("admin:participants_participant_changelist"),
        {"action": "export_csv", "_selected_action": [private_participant.pk]},
    )

    assert changelist.status_code == 200
    assert "Amina Okafor" in changelist.content.decode()
    assert change_form.status_code == 200
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert rows[0]["display_name"] == "Amina Okafor"
    assert rows[0]["languages"] == "ha"
    for response in (changelist, change_form, export):
        assert _leaks(response.content.decode()) == []


def test_a_liaison_manages_participants_but_not_accounts(client):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))

    assert liaison.has_perm("participants.change_participant")
    assert liaison.has_perm("participants.add_affiliate")
    assert liaison.has_perm("clinics.change_clinic")
    assert not liaison.has_perm("participants.change_user")
    assert not liaison.has_perm("participants.delete_participant")
