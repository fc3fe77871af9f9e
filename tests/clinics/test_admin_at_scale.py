"""The clinic admin at real size: a held clinic with 500 attendees and 300 registrations, the pickers that search
instead of listing everyone, and the lists a clinic's page links to."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinics.admin_forms import ClinicAdminForm
from clinics.models import Attendance, Clinic, Feedback, Registration
from participants.liaisons import LIAISON_GROUP
from participants.models import Participant, User
from tests.factories import ClinicFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

# The change page of a held clinic whose lists are linked, not inlined, however long they are.
CHANGE_PAGE_QUERIES = 18
# Below INLINE_LIMIT rows the lists are inlines: their three querysets, and per row the chosen participant and
# country of the autocompletes (Django asks for each widget's selected option).
INLINE_QUERIES, QUERIES_PER_ROW = 5, 3


def _people(count, prefix):
    users = User.objects.bulk_create(
        User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org") for n in range(count)
    )
    return Participant.objects.bulk_create(
        Participant(user=user, display_name=f"{prefix.title()} {n}", country_id="KE") for n, user in enumerate(users)
    )


def _big_held_clinic(liaison, *, attendees, registrations):
    clinic = ClinicFactory(title="Grant writing at scale", status=Clinic.Status.HELD)
    clinic.liaisons.add(liaison)
    people = _people(max(attendees, registrations), "person")
    Registration.objects.bulk_create(
        Registration(clinic=clinic, participant=person) for person in people[:registrations]
    )
    Attendance.objects.bulk_create(
        Attendance(clinic=clinic, participant=person, country_id="KE", minutes=90) for person in people[:attendees]
    )
    Feedback.objects.bulk_create(
        Feedback(clinic=clinic, participant=person, rating=4, learned="How to write a budget. " * 20)
        for person in people[:attendees]
    )
    return clinic


@pytest.fixture
def liaison_client(client, liaison):
    client.force_login(liaison)
    return client


def test_a_held_clinic_with_500_attendees_and_300_registrations_has_a_light_page_with_a_fixed_query_budget(
    liaison_client, liaison, django_assert_max_num_queries
):
    clinic = _big_held_clinic(liaison, attendees=500, registrations=300)
    url = reverse("admin:clinics_clinic_change", args=[clinic.pk])

    with django_assert_max_num_queries(CHANGE_PAGE_QUERIES):
        response = liaison_client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 300_000
    # No inline of hundreds of forms, and no select listing every participant or country.
    assert 'name="attendances-TOTAL_FORMS"' not in page
    assert 'name="registrations-TOTAL_FORMS"' not in page
    assert page.count("<option") < 700  # the IANA zones (about 600), the languages and the choices of the clinic
    assert "300 registrations (Registered: 300)" in page
    assert "500 attendees, 500 of them with an account" in page
    assert "500 answers, rated 4.0 / 5 on average" in page
    assert f"{reverse('admin:clinics_attendance_changelist')}?clinic={clinic.pk}" in page


@pytest.mark.parametrize("rows", [1, 3])
def test_a_small_clinic_keeps_its_inlines_at_a_few_queries_a_row(
    liaison_client, liaison, django_assert_max_num_queries, rows
):
    clinic = _big_held_clinic(liaison, attendees=rows, registrations=rows)
    url = reverse("admin:clinics_clinic_change", args=[clinic.pk])

    with django_assert_max_num_queries(CHANGE_PAGE_QUERIES + INLINE_QUERIES + QUERIES_PER_ROW * rows):
        response = liaison_client.get(url)

    assert response.status_code == 200
    assert f'name="attendances-TOTAL_FORMS" value="{rows}"' in response.content.decode()
    assert f'name="registrations-TOTAL_FORMS" value="{rows}"' in response.content.decode()


def test_the_linked_lists_show_one_clinics_rows_a_page_at_a_time(
    liaison_client, liaison, django_assert_max_num_queries
):
    clinic = _big_held_clinic(liaison, attendees=150, registrations=120)
    ClinicFactory().attendances.create(name="Someone elsewhere")

    with django_assert_max_num_queries(12):
        attendance = liaison_client.get(reverse("admin:clinics_attendance_changelist"), {"clinic": clinic.pk})
    registrations = liaison_client.get(reverse("admin:clinics_registration_changelist"), {"clinic": clinic.pk})
    feedback = liaison_client.get(reverse("admin:clinics_feedback_changelist"), {"clinic": clinic.pk})
    nonsense = liaison_client.get(reverse("admin:clinics_attendance_changelist"), {"clinic": "99999999999999999999"})

    assert (attendance.context["cl"].result_count, len(attendance.context["cl"].result_list)) == (150, 100)
    assert registrations.context["cl"].result_count == 120
    assert feedback.context["cl"].result_count == 150
    assert (nonsense.status_code, nonsense.context["cl"].result_count) == (200, 0)


def _autocomplete(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_the_liaison_picker_offers_only_people_who_can_be_liaisons(liaison_client, liaison):
    other = UserFactory(username="liaison_two", is_staff=True)
    other.groups.add(Group.objects.get(name=LIAISON_GROUP))
    UserFactory(username="liaison_gone", is_staff=True, is_active=False).groups.add(
        Group.objects.get(name=LIAISON_GROUP)
    )
    UserFactory(username="liaison_fan")  # a participant whose username says liaison, not a liaison
    UserFactory(username="root_liaison", is_staff=True, is_superuser=True)
    url = reverse("admin:clinics_clinic_liaison_autocomplete")

    offered = _autocomplete(liaison_client, url, term="liaison")

    assert offered == ["liaison", "liaison_two", "root_liaison"]


def test_the_liaison_field_refuses_someone_who_cannot_be_a_liaison_but_keeps_one_already_chosen(liaison):
    former = UserFactory(username="former_liaison", is_staff=True)
    outsider = UserFactory(username="outsider")
    clinic = ClinicFactory()
    clinic.liaisons.add(former)

    field = ClinicAdminForm(instance=clinic).fields["liaisons"]

    assert sorted(field.queryset.values_list("username", flat=True)) == ["former_liaison", "liaison"]
    with pytest.raises(ValidationError):
        field.clean([str(outsider.pk)])


def test_participants_and_countries_are_searched_not_listed(liaison_client):
    ParticipantFactory(display_name="Amina Njoroge")
    ParticipantFactory(display_name="Ben Okafor")
    url = reverse("admin:autocomplete")
    field = {"app_label": "clinics", "model_name": "attendance"}

    people = _autocomplete(liaison_client, url, term="amina", field_name="participant", **field)
    countries = _autocomplete(liaison_client, url, term="keny", field_name="country", **field)

    assert people == ["Amina Njoroge"]
    assert countries == ["Kenya"]
