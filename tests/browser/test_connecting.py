"""The connecting journey in a browser: add skills, find a sharer in Spanish, write, ask for mentorship, accepted."""

import re

from django.core import mail

from participants.services import refresh_search_document
from skills.models import Mentorship, Message, ParticipantSkill, Skill
from tests.browser.conftest import signed_in_context
from tests.factories import ParticipantFactory


def test_a_learner_finds_a_sharer_writes_to_her_and_becomes_her_mentee(chromium, live_server, assert_accessible):
    fundraising = Skill.objects.get(slug="fundraising-and-grant-writing")
    mentor = ParticipantFactory(display_name="Neema Mwangi", user__email="neema@example.org", email_language="sw")
    ParticipantSkill.objects.create(participant=mentor, skill=fundraising, kind="share", level="expert")
    refresh_search_document(participant=mentor)
    learner = ParticipantFactory(display_name="Lucía Ramírez", user__email="lucia@example.org", country_id="MX")
    learner_context, page = signed_in_context(chromium, live_server, learner.user)

    # Lucía says what she wants to learn.
    page.goto("/es/profile/skills/")
    assert_accessible(page)
    page.check("#id_learn-fundraising-and-grant-writing")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/es/people/"))
    assert ParticipantSkill.objects.filter(participant=learner, kind="learn", skill=fundraising).exists()

    # She finds a sharer by typing the skill's Spanish name.
    page.goto("/es/people/")
    page.fill("#id_q", "recaudación")
    page.select_option("#id_mode", "share")
    page.locator("form[role=search] button[type=submit]").click()
    page.get_by_role("link", name="Neema Mwangi").click()

    # She writes to her; Neema's address is never shown, the email goes out in Swahili.
    page.locator(f"a[href$='/people/{mentor.user.username}/message/']").click()
    page.fill("#id_body", "Hola Neema, ¿podemos hablar de subvenciones?")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/people/{mentor.user.username}/$"))
    assert Message.objects.filter(sender=learner, recipient=mentor).count() == 1
    assert "neema@example.org" not in page.content()
    assert [email.to for email in mail.outbox] == [["neema@example.org"]]
    assert "/sw/messages/" in mail.outbox[0].body

    # She asks for mentorship on that skill.
    page.locator(f"a[href$='/people/{mentor.user.username}/mentorship/']").click()
    page.select_option("#id_skill", str(fundraising.pk))
    page.fill("#id_message", "Quiero escribir mi primera solicitud de subvención.")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/es/mentorships/\d+/$"))
    mentorship = Mentorship.objects.get(mentee=learner, mentor=mentor)
    learner_context.close()

    # Neema accepts from her dashboard; Lucía is told by email.
    mentor_context, mentor_page = signed_in_context(chromium, live_server, mentor.user)
    mentor_page.goto("/sw/mentorships/")
    mentor_page.locator(f"a[href$='/mentorships/{mentorship.pk}/']").click()
    assert_accessible(mentor_page)
    mentor_page.locator("form[action$='/accept/'] button").click()
    mentor_page.wait_for_url(re.compile(rf"/mentorships/{mentorship.pk}/$"))
    mentor_context.close()

    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACCEPTED
    assert [email.to for email in mail.outbox] == [["neema@example.org"], ["neema@example.org"], ["lucia@example.org"]]
