"""A liaison schedules a clinic with the slot finder: the three best hours for the likely audience, then a new
clinic planned on the liaison's own clock at the first of them, with its UTC instant shown beside the start."""

import re
from datetime import UTC, datetime

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from clinics.models import Clinic
from participants.models import SpokenLanguage
from skills.models import ParticipantSkill, Skill
from tests.browser.conftest import signed_in_context
from tests.factories import ParticipantFactory, TopicFactory, UserFactory

# Europe's clocks went forward the day before (Sunday 28 March 2027): Berlin is at UTC+2.
DAY = "2027-03-29"


def _learner(skill, zone, country, language):
    person = ParticipantFactory(time_zone=zone, country_id=country)
    SpokenLanguage.objects.create(participant=person, language=language)
    ParticipantSkill.objects.create(participant=person, skill=skill, kind=ParticipantSkill.Kind.LEARN)


def test_a_liaison_finds_the_best_hour_and_plans_a_clinic_at_it(chromium, live_server, assert_accessible):
    skill = Skill.objects.order_by("pk").first()
    TopicFactory(name="Grants", slug="grants")
    liaison = UserFactory(username="amani", is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    ParticipantFactory(user=liaison, time_zone="Africa/Nairobi")
    for zone, country, language in [
        ("Europe/Berlin", "DE", "en"),
        ("Europe/Berlin", "DE", "en"),
        ("Africa/Nairobi", "KE", "sw"),
        ("Asia/Kolkata", "IN", "en"),
    ]:
        _learner(skill, zone, country, language)
    context, page = signed_in_context(chromium, live_server, liaison)

    page.goto("/en/admin/clinics/clinic/")
    page.get_by_role("link", name="Find a time").click()
    page.select_option("#id_skill", str(skill.pk))
    page.select_option("#id_language", "en")
    page.get_by_label("Swahili").check()
    page.fill("#id_date", DAY)
    page.fill("#id_duration", "60")
    assert page.input_value("#id_time_zone") == "Africa/Nairobi"  # the liaison's own zone, from the profile
    page.get_by_role("button", name="Find the best times").click()

    rows = page.locator("#slot-suggestions tbody tr")
    expect(rows).to_have_count(3)
    page.wait_for_load_state()
    assert rows.locator("th").all_inner_texts() == [
        f"{DAY} 06:00 UTC\n{DAY} 09:00 Africa/Nairobi",
        f"{DAY} 07:00 UTC\n{DAY} 10:00 Africa/Nairobi",
        f"{DAY} 08:00 UTC\n{DAY} 11:00 Africa/Nairobi",
    ]
    assert rows.first.locator("td").first.inner_text() == "4"
    assert_accessible(page)
    page.get_by_role("link", name="Plan a clinic at 06:00 UTC").click()

    # The new clinic's form, filled in: the start on Nairobi's clock, its UTC instant computed beside it.
    assert (page.input_value("#id_start_0"), page.input_value("#id_start_1")) == (DAY, "09:00:00")
    # The script fills it in once the page's content is loaded: wait for it rather than race it.
    expect(page.locator(".clinic-start-utc")).to_have_text(f"In UTC: {DAY} 06:00 UTC")
    page.fill("#id_start_1", "10:30:00")
    expect(page.locator(".clinic-start-utc")).to_have_text(f"In UTC: {DAY} 07:30 UTC")
    page.fill("#id_start_1", "09:00:00")
    page.fill("#id_title_en", "Governance for learners")
    page.press("#id_title_en", "Tab")
    page.select_option("#id_topic", label="Grants")
    # The liaison picker searches, and offers only people who can be liaisons.
    page.locator(".field-liaisons .select2-selection").click()
    page.keyboard.type("ama")
    page.locator(".select2-results__option", has_text="amani").click()
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/admin/clinics/clinic/$"))

    clinic = Clinic.objects.get(title="Governance for learners")
    assert (clinic.start, clinic.planned_time_zone, clinic.language, clinic.interpretation_languages) == (
        datetime(2027, 3, 29, 6, 0, tzinfo=UTC),
        "Africa/Nairobi",
        "en",
        ["sw"],
    )
    assert ([s.pk for s in clinic.skills.all()], [u.username for u in clinic.liaisons.all()]) == ([skill.pk], ["amani"])
    context.close()
