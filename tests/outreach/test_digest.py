"""The monthly digest: what is new for each person, in their language and time zone; nothing new, nothing sent."""

from datetime import UTC, datetime, time, timedelta

import pytest
from babel.dates import format_date
from django.utils import timezone

from mail import sender
from mail.models import Email
from outreach import services, tasks
from participants.models import SpokenLanguage
from skills.models import ParticipantSkill, Skill
from tests.factories import ClinicFactory, ParticipantFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wikidata():
    return Skill.objects.get(slug="wikidata")


def _in_ten_days_at_14_utc():
    return datetime.combine(timezone.now().date() + timedelta(days=10), time(14), tzinfo=UTC)


def test_the_digest_skips_people_with_nothing_new(opted_in, wikidata, mailoutbox):
    learner = opted_in(email_language="en", user__email="learner@example.org")
    ParticipantSkill.objects.create(participant=learner, skill=wikidata, kind="learn")
    sharer = ParticipantFactory(display_name="Sharer")
    ParticipantSkill.objects.create(participant=sharer, skill=wikidata, kind="share", level="expert")
    quiet = opted_in(email_language="sw", user__email="quiet@example.org")  # wants nothing, no clinic in Swahili
    ClinicFactory(language="en", start=_in_ten_days_at_14_utc())

    tasks.send_monthly_digest.delay()
    sender.send_due()

    assert [message.to for message in mailoutbox] == [["learner@example.org"]]
    assert "Sharer shares “Wikidata”" in mailoutbox[0].body
    quiet_row = Email.objects.get(kind=Email.Kind.DIGEST, recipient=quiet.user)
    assert (quiet_row.state, quiet_row.last_error) == (Email.State.SKIPPED, "nothing new")


def test_the_digest_lists_clinics_in_the_persons_languages_and_time_zone(opted_in):
    reader = opted_in(email_language="es", time_zone="Africa/Nairobi")
    SpokenLanguage.objects.create(participant=reader, language="fr")
    ClinicFactory(title="Taller en francés", language="fr", start=_in_ten_days_at_14_utc())
    ClinicFactory(title="Interpreted", language="en", interpretation_languages=["es"], start=_in_ten_days_at_14_utc())
    ClinicFactory(title="Arabic only", language="ar", start=_in_ten_days_at_14_utc())
    ClinicFactory(title="Too far", language="fr", start=_in_ten_days_at_14_utc() + timedelta(days=60))

    from outreach import queries
    from outreach.emails import digest_draft

    contents = queries.digest_contents(reader, since=timezone.now() - timedelta(days=31))
    message = digest_draft(reader, contents)

    assert sorted(clinic.title for clinic in contents["clinics"]) == ["Interpreted", "Taller en francés"]
    day = format_date(_in_ten_days_at_14_utc(), "long", locale="es")  # "17 de diciembre de 2026"
    assert f"{day}, 17:00 (Africa/Nairobi)" in message.body  # CLDR's Spanish, Nairobi time
    assert message.headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/es/u/")


def test_the_digest_goes_only_to_people_who_accept_announcements_and_want_it(opted_in):
    wants = opted_in()
    opted_in(digest_enabled=False)
    ParticipantFactory()  # accepts no announcements: no digest either

    month = services.digest_month()
    services.plan_digest(month=month)
    services.plan_digest(month=month)  # the beat firing twice adds nobody twice

    assert list(Email.objects.filter(group=f"digest:{month.isoformat()}").values_list("recipient", flat=True)) == [
        wants.user_id
    ]


def test_sharers_already_in_an_earlier_digest_are_not_new(opted_in, wikidata, mailoutbox):
    learner = opted_in()
    ParticipantSkill.objects.create(participant=learner, skill=wikidata, kind="learn")
    ParticipantSkill.objects.create(participant=ParticipantFactory(), skill=wikidata, kind="share", level="expert")
    last_month = (services.digest_month() - timedelta(days=1)).replace(day=1)
    Email.objects.create(
        key=f"digest:{last_month.isoformat()}:{learner.pk}",
        kind=Email.Kind.DIGEST,
        group=f"digest:{last_month.isoformat()}",
        recipient=learner.user,
        language="en",
        state=Email.State.SENT,
        sent_at=timezone.now(),
    )

    tasks.send_monthly_digest.delay()
    sender.send_due()

    assert mailoutbox == []


def test_the_digest_lists_new_resources_on_the_skills_the_person_wants_to_learn(opted_in, wikidata, mailoutbox):
    learner = opted_in(email_language="sw", user__email="learner@example.org")  # no clinic in Swahili
    ParticipantSkill.objects.create(participant=learner, skill=wikidata, kind="learn")
    other_skill = Skill.objects.exclude(pk=wikidata.pk).first()
    ResourceFactory(title="Wikidata in 10 minutes", minutes=10, skills=[wikidata])
    ResourceFactory(title="Old Wikidata guide", skills=[wikidata], created_at=timezone.now() - timedelta(days=90))
    ResourceFactory(title="Unpublished draft", skills=[wikidata], published=False)
    ResourceFactory(title="Another skill", skills=[other_skill])

    tasks.send_monthly_digest.delay()
    sender.send_due()

    [message] = mailoutbox
    assert message.to == ["learner@example.org"]
    assert "Wikidata in 10 minutes" in message.body
    assert ("Old Wikidata guide" in message.body, "Unpublished draft" in message.body) == (False, False)
    assert "Another skill" not in message.body
