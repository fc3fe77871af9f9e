"""Messages and mentorship requests are one allowance: the same limits, the same choice to receive none.

A mentorship request's text is emailed to the mentor, so it is a message: requesting and withdrawing in a loop
must not get around the hourly limit, and someone who turned messages off receives no request either. The limit
holds under simultaneous requests: each sender's requests are counted one after the other (a row lock).
"""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from skills.messaging import RATE_LIMITS
from skills.models import Mentorship, Message, ParticipantSkill, Skill
from tests.factories import ParticipantFactory

HOURLY = RATE_LIMITS[0][1]
TOO_MANY = "You have sent many messages in a short time. Please wait before sending more."


@pytest.fixture
def wikidata():
    return Skill.objects.get(slug="wikidata")


@pytest.fixture
def mentor(wikidata):
    participant = ParticipantFactory(user__username="mentor", display_name="Mentor Mwangi")
    ParticipantSkill.objects.create(participant=participant, skill=wikidata, kind="share", level="expert")
    return participant


@pytest.fixture
def mentee():
    return ParticipantFactory(user__username="mentee")


def ask(client, mentor, skill, message="Teach me SPARQL, please."):
    return client.post(
        reverse("skills:request_mentorship", kwargs={"username": mentor.user.username}),
        {"skill": skill.pk, "message": message},
    )


def withdraw(client, mentorship):
    return client.post(
        reverse("skills:mentorship_action", kwargs={"pk": mentorship.pk, "action": "end"}), {"outcome": "withdrawn"}
    )


def write(client, recipient, body="Hello!"):
    return client.post(reverse("skills:message", kwargs={"username": recipient.user.username}), {"body": body})


@pytest.mark.django_db
def test_asking_and_withdrawing_in_a_loop_stops_at_the_hourly_limit(client, mentor, mentee, wikidata, mailoutbox):
    client.force_login(mentee.user)
    for _round in range(HOURLY):
        assert ask(client, mentor, wikidata).status_code == 302
        withdraw(client, Mentorship.objects.get(status="requested"))

    refused = ask(client, mentor, wikidata, message="Once more, with my text in your inbox")

    assert refused.status_code == 400
    assert TOO_MANY in refused.content.decode()
    assert Mentorship.objects.count() == HOURLY
    assert not [mail for mail in mailoutbox if "Once more" in mail.body]


@pytest.mark.django_db
def test_messages_and_mentorship_requests_share_one_allowance(client, mentor, mentee, wikidata):
    client.force_login(mentee.user)
    other = ParticipantFactory(user__username="other")
    for _number in range(HOURLY - 1):
        assert write(client, other).status_code == 302
    assert ask(client, mentor, wikidata).status_code == 302

    refused = write(client, other)

    assert (refused.status_code, TOO_MANY in refused.content.decode()) == (400, True)
    assert (Message.objects.count(), Mentorship.objects.count()) == (HOURLY - 1, 1)


@pytest.mark.django_db
def test_someone_who_turned_messages_off_gets_no_mentorship_request_and_no_text(
    client, mentor, mentee, wikidata, mailoutbox
):
    mentor.messages_enabled = False
    mentor.save()
    client.force_login(mentee.user)

    page = client.get(reverse("skills:request_mentorship", kwargs={"username": "mentor"}))
    posted = ask(client, mentor, wikidata, message="My text for your inbox")
    profile = client.get(mentor.get_absolute_url()).content.decode()

    assert "does not receive messages or mentorship requests" in page.content.decode()
    assert posted.status_code == 200
    assert Mentorship.objects.count() == 0
    assert [mail for mail in mailoutbox if "My text for your inbox" in mail.body] == []
    assert reverse("skills:request_mentorship", kwargs={"username": "mentor"}) not in profile


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_simultaneous_messages_store_no_more_than_the_limit():
    sender = ParticipantFactory(user__username="sender")
    recipient = ParticipantFactory(user__username="recipient")
    start = threading.Barrier(12)
    statuses = []

    def post():
        client = Client()
        client.force_login(sender.user)
        try:
            start.wait()
            statuses.append(write(client, recipient).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _number in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Message.objects.count() == HOURLY
    assert sorted(statuses) == [302] * HOURLY + [400] * (12 - HOURLY)
