"""A date in an admin list's address that no calendar holds is answered like any bad filter, never with a 500."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
# Every admin list with a date hierarchy, and its date field: the ones added later are tested too.
DATE_HIERARCHIES = sorted(
    (f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", model_admin.date_hierarchy)
    for model, model_admin in admin.site._registry.items()
    if model_admin.date_hierarchy
)


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(("name", "field"), DATE_HIERARCHIES)
@pytest.mark.parametrize(
    "date", [{"year": HUGE}, {"year": "2026", "month": HUGE}, {"year": "2026", "month": "1", "day": HUGE}]
)
def test_a_date_too_large_for_any_calendar_is_a_bad_filter_not_an_error(staff_client, name, field, date):
    response = staff_client.get(reverse(name), {f"{field}__{part}": value for part, value in date.items()})

    assert (response.status_code, response["Location"]) == (302, f"{reverse(name)}?e=1")


def test_the_admin_lists_with_a_date_hierarchy_are_found():
    assert ("admin:participants_participant_changelist", "created_at") in DATE_HIERARCHIES
