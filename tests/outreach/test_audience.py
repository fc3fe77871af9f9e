"""An announcement's audience: its filters select exactly the right people, and the admin counts them per language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outreach import queries
from participants.models import Participant, Region, SpokenLanguage
from skills.models import ParticipantSkill, Skill
from tests.factories import AnnouncementFactory, AttendanceFactory, ParticipantFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _names(people):
    return sorted(people.values_list("display_name", flat=True))


def _speaks(participant, *languages):
    for language in languages:
        SpokenLanguage.objects.create(participant=participant, language=language)


def test_only_people_who_accept_announcements_are_reached(opted_in):
    opted_in(display_name="Amina")
    ParticipantFactory(display_name="Bruno")  # never opted in
    refused = opted_in(display_name="Chen")
    refused.refused_email = refused.user.email
    refused.save()
    inactive = opted_in(display_name="Dara")
    inactive.user.is_active = False
    inactive.user.save()

    assert _names(queries.audience(AnnouncementFactory())) == ["Amina"]


def test_region_country_language_and_role_filters_combine(opted_in):
    amina = opted_in(display_name="Amina", country_id="KE", role=Participant.Role.BOARD_MEMBER)
    _speaks(amina, "sw", "en")
    baraka = opted_in(display_name="Baraka", country_id="TZ", role=Participant.Role.BOARD_MEMBER)
    _speaks(baraka, "sw")
    _speaks(opted_in(display_name="Carla", country_id="BR", role=Participant.Role.BOARD_MEMBER), "sw")
    _speaks(opted_in(display_name="Dawit", country_id="ET", role=Participant.Role.INDIVIDUAL_EDITOR), "sw")
    _speaks(opted_in(display_name="Esther", country_id="NG", role=Participant.Role.BOARD_MEMBER), "yo")
    announcement = AnnouncementFactory(languages=["sw", "ha"], roles=[Participant.Role.BOARD_MEMBER])
    announcement.regions.set([Region.objects.get(code="SSA")])

    assert _names(queries.audience(announcement)) == ["Amina", "Baraka"]

    announcement.countries.set(["TZ"])
    assert _names(queries.audience(announcement)) == ["Baraka"]


def test_skills_shared_or_wanted_select_people_by_the_kind_of_link(opted_in):
    wikidata, grants = Skill.objects.get(slug="wikidata"), Skill.objects.order_by("pk").exclude(slug="wikidata")[0]
    sharer, learner, other = opted_in(display_name="Sharer"), opted_in(display_name="Learner"), opted_in()
    ParticipantSkill.objects.create(participant=sharer, skill=wikidata, kind="share", level="expert")
    ParticipantSkill.objects.create(participant=learner, skill=wikidata, kind="learn")
    ParticipantSkill.objects.create(participant=other, skill=grants, kind="learn")
    shares = AnnouncementFactory()
    shares.skills_shared.set([wikidata])
    wants = AnnouncementFactory()
    wants.skills_wanted.set([wikidata])

    assert _names(queries.audience(shares)) == ["Sharer"]
    assert _names(queries.audience(wants)) == ["Learner"]


def test_attended_a_topic_never_attended_and_registered_since(opted_in):
    topic = TopicFactory()
    veteran = opted_in(display_name="Veteran", created_at=timezone.now() - timedelta(days=400))
    AttendanceFactory(participant=veteran, clinic__topic=topic)
    AttendanceFactory(participant=veteran, clinic__topic=topic)
    elsewhere = opted_in(display_name="Elsewhere")
    AttendanceFactory(participant=elsewhere)
    opted_in(display_name="Newcomer")
    attended = AnnouncementFactory()
    attended.attended_topics.set([topic])

    assert _names(queries.audience(attended)) == ["Veteran"]
    assert _names(queries.audience(AnnouncementFactory(never_attended=True))) == ["Newcomer"]
    since = AnnouncementFactory(registered_since=(timezone.now() - timedelta(days=30)).date())
    assert _names(queries.audience(since)) == ["Elsewhere", "Newcomer"]


def test_the_reach_is_counted_per_language_of_email(opted_in):
    for language in ("es", "es", "fr", "en", "es"):
        opted_in(email_language=language)
    ParticipantFactory(email_language="fr")

    assert queries.reach_by_language(AnnouncementFactory()) == ([("es", 3), ("en", 1), ("fr", 1)], 5)
