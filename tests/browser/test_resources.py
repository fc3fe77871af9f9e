"""Resources in a browser: the list, a resource's page, the saved list and the sharers' form, accessible in
English and in Arabic (right to left); saving a resource to one's list works without JavaScript."""

import pytest

from clinics.models import ClinicSharer
from skills.models import Skill
from tests.factories import ClinicFactory, ResourceFactory


@pytest.fixture
def resources():
    wikidata = Skill.objects.get(slug="wikidata")
    clinic = ClinicFactory(title="Wikidata clinic", title_ar="عيادة ويكي بيانات")
    main = ResourceFactory(
        title="Wikidata in ten minutes",
        title_ar="ويكي بيانات في عشر دقائق",
        summary="Items, properties and statements.",
        kind="recording",
        minutes=10,
        clinic=clinic,
        languages=["ar", "en"],
        skills=[wikidata],
        author="Amani",
    )
    ResourceFactory(title="QuickStatements guide", languages=["fr"], skills=[wikidata])
    ResourceFactory(title="Course on WikiLearn", kind="course", minutes=None, languages=["sw"])
    return main


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_resource_pages_have_no_accessibility_violation(
    logged_in_page, participant, assert_accessible, resources, language
):
    ClinicSharer.objects.create(clinic=resources.clinic, participant=participant)
    page = logged_in_page

    page.goto(f"/{language}/resources/")
    assert_accessible(page)
    page.goto(f"/{language}/resources/?kind=recording&length=10")
    assert_accessible(page)
    filtered = page.locator(".card-list > li").count()
    page.goto(f"/{language}/resources/{resources.slug}/")
    assert_accessible(page)
    page.locator("#resource-save ~ form button").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.goto(f"/{language}/profile/resources/")
    assert_accessible(page)
    saved = page.locator(".card-list > li").count()
    page.goto(f"/{language}/resources/new/")
    assert_accessible(page)
    page.goto(f"/{language}/resources/{resources.slug}/edit/")
    assert_accessible(page)

    assert (filtered, saved) == (1, 1)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
