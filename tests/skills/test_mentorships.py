"""Mentorship: a learner asks a sharer; only the mentor answers; either ends it; each step emails the other."""

import pytest
from django.urls import reverse

from skills.models import Mentorship, ParticipantSkill, Skill
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wikidata():
    return Skill.objects.get(slug="wikidata")


@pytest.fixture
def mentor(wikidata):
    participant = ParticipantFactory(user__username="mentor", user__email="mentor@example.org", email_language="fr")
    ParticipantSkill.objects.create(participant=participant, skill=wikidata, kind="share", level="expert")
    return participant


@pytest.fixture
def mentee():
    return ParticipantFactory(user__username="mentee", user__email="mentee@example.org")


def _ask(client, mentor, skill, message="Teach me SPARQL, please."):
    return client.post(
        reverse("skills:request_mentorship", kwargs={"username": mentor.user.username}),
        {"skill": skill.pk, "message": message},
    )


def _act(client, mentorship, action, **data):
    return client.post(reverse("skills:mentorship_action", kwargs={"pk": mentorship.pk, "action": action}), data)


def test_a_learner_asks_the_mentor_accepts_and_each_is_told_by_email(
    client, mentor, mentee, wikidata, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(mentee.user)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, mentor, wikidata)
    mentorship = Mentorship.objects.get()
    client.force_login(mentor.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(client, mentorship, "accept")

    mentorship.refresh_from_db()
    assert response.status_code == 302
    assert mentorship.status == Mentorship.Status.ACCEPTED
    assert [email.to for email in mailoutbox] == [["mentor@example.org"], ["mentee@example.org"]]
    assert "Teach me SPARQL, please." in mailoutbox[0].body
    assert "/fr/mentorships/" in mailoutbox[0].body  # the mentor's own language


def test_only_the_mentor_may_answer_a_request(client, mentor, mentee, wikidata):
    mentorship = Mentorship.objects.create(mentee=mentee, mentor=mentor, skill=wikidata, message="Hi")
    client.force_login(mentee.user)

    assert _act(client, mentorship, "accept").status_code == 403
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.REQUESTED


def test_others_cannot_see_or_touch_a_mentorship(client, mentor, mentee, wikidata):
    mentorship = Mentorship.objects.create(mentee=mentee, mentor=mentor, skill=wikidata, message="Hi")
    client.force_login(ParticipantFactory().user)

    assert client.get(mentorship.get_absolute_url()).status_code == 404
    assert _act(client, mentorship, "decline").status_code == 404
    assert _act(client, mentorship, "end", outcome="withdrawn").status_code == 404


def test_either_person_ends_an_active_mentorship_with_feedback(
    client, mentor, mentee, wikidata, mailoutbox, django_capture_on_commit_callbacks
):
    mentorship = Mentorship.objects.create(
        mentee=mentee, mentor=mentor, skill=wikidata, message="Hi", status=Mentorship.Status.ACCEPTED
    )
    client.force_login(mentee.user)

    with django_capture_on_commit_callbacks(execute=True):
        _act(client, mentorship, "end", outcome="completed", feedback="Thank you, I run queries now.")

    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.feedback, mentorship.ended_by) == (
        Mentorship.Status.COMPLETED,
        "Thank you, I run queries now.",
        mentee,
    )
    # The mentor hears the mentorship ended, and (a first completed mentorship) earns the Mentor badge.
    assert [(email.to, email.subject) for email in mailoutbox] == [
        (["mentor@example.org"], "[Let's Connect] Votre mentorat pour «\u00a0Wikidata\u00a0» est terminé"),
        (["mentor@example.org"], "[Let's Connect] Vous avez obtenu un badge : Mentor"),
    ]


def test_a_mentor_at_their_cap_takes_no_new_mentee(client, mentor, mentee, wikidata):
    mentor.max_mentees = 1
    mentor.save()
    Mentorship.objects.create(
        mentee=ParticipantFactory(), mentor=mentor, skill=wikidata, message="Hi", status=Mentorship.Status.ACCEPTED
    )
    client.force_login(mentee.user)

    response = _ask(client, mentor, wikidata)

    assert response.status_code == 400
    assert "This mentor is not taking new mentees at the moment." in response.content.decode()
    assert Mentorship.objects.filter(mentee=mentee).count() == 0


def test_one_cannot_ask_twice_or_for_a_skill_the_mentor_does_not_share(client, mentor, mentee, wikidata):
    client.force_login(mentee.user)
    _ask(client, mentor, wikidata)

    again = _ask(client, mentor, wikidata)
    other_skill = _ask(client, mentor, Skill.objects.get(slug="fundraising-and-grant-writing"))

    assert again.context["form"].non_field_errors() == ["You already asked this person for mentorship on this skill."]
    assert other_skill.status_code == 400
    assert Mentorship.objects.count() == 1


def test_active_mentorships_show_on_both_dashboards(client, mentor, mentee, wikidata):
    Mentorship.objects.create(mentee=mentee, mentor=mentor, skill=wikidata, message="Hi", status="accepted")

    client.force_login(mentor.user)
    mentor_page = client.get(reverse("skills:mentorships")).content.decode()
    client.force_login(mentee.user)
    mentee_page = client.get(reverse("skills:mentorships")).content.decode()

    assert "Mentoring" in mentor_page
    assert "Learning Wikidata with" in mentee_page


def test_the_data_download_holds_mentorships_and_sent_messages(client, mentor, mentee, wikidata):
    from skills.models import Message

    Mentorship.objects.create(mentee=mentee, mentor=mentor, skill=wikidata, message="Hi")
    Message.objects.create(sender=mentee, recipient=mentor, body="Thanks!")
    client.force_login(mentee.user)

    data = client.get(reverse("participants:export")).json()

    assert [(row["role"], row["skill"], row["status"]) for row in data["mentorships"]] == [
        ("mentee", "wikidata", "requested")
    ]
    assert [row["body"] for row in data["messages_sent"]] == ["Thanks!"]
