"""Badges are earned by the rules kept as data, once per person, told by email; liaisons give and revoke them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from badges import services, tasks
from badges.models import Award, BadgeClass
from clinics.models import Clinic, ClinicSharer
from skills.models import Mentorship, Skill
from tests.factories import AttendanceFactory, ClinicFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def _held(**fields):
    return ClinicFactory(status=Clinic.Status.HELD, **fields)


def _badges(participant):
    return sorted(Award.objects.filter(participant=participant).values_list("badge__slug", flat=True))


def test_attending_the_fifth_clinic_awards_five_clinics_exactly_once_even_when_the_task_runs_twice(
    mailoutbox, django_capture_on_commit_callbacks
):
    learner = ParticipantFactory(user__email="learner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _number in range(4):
            AttendanceFactory(participant=learner, clinic=_held())
    before = _badges(learner)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        AttendanceFactory(participant=learner, clinic=_held())
    with django_capture_on_commit_callbacks(execute=True):
        tasks.evaluate_badges.delay(learner.pk)
        tasks.evaluate_badges.delay(learner.pk)

    assert before == ["first-clinic"]
    assert _badges(learner) == ["first-clinic", "five-clinics"]
    assert [(email.to, email.subject) for email in mailoutbox] == [
        (["learner@example.org"], "[Let's Connect] You earned a badge: 5 clinics")
    ]


def test_a_clinic_that_is_only_scheduled_or_was_cancelled_earns_nothing(django_capture_on_commit_callbacks):
    learner = ParticipantFactory()

    with django_capture_on_commit_callbacks(execute=True):
        AttendanceFactory(participant=learner, clinic=ClinicFactory(status=Clinic.Status.SCHEDULED))
        AttendanceFactory(participant=learner, clinic=ClinicFactory(status=Clinic.Status.CANCELLED))

    assert _badges(learner) == []


def test_marking_a_clinic_held_evaluates_its_attendees_and_sharers(django_capture_on_commit_callbacks):
    clinic = ClinicFactory(language="fr")
    learner, sharer = ParticipantFactory(), ParticipantFactory()
    AttendanceFactory(participant=learner, clinic=clinic)
    ClinicSharer.objects.create(clinic=clinic, participant=sharer)
    ClinicSharer.objects.create(clinic=_held(language="es"), participant=sharer)

    with django_capture_on_commit_callbacks(execute=True):
        clinic.status = Clinic.Status.HELD
        clinic.save()

    assert (_badges(learner), _badges(sharer)) == (["first-clinic"], ["first-share", "multilingual-sharer"])


def test_completing_a_mentorship_as_mentor_earns_mentor_and_the_email_is_in_the_mentors_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    mentor = ParticipantFactory(user__email="mentor@example.org", email_language="es")
    mentorship = Mentorship.objects.create(
        mentor=mentor, mentee=ParticipantFactory(), skill=Skill.objects.first(), message="Hola"
    )

    with django_capture_on_commit_callbacks(execute=True):
        mentorship.status = Mentorship.Status.COMPLETED
        mentorship.save()

    assert _badges(mentor) == ["mentor"]
    assert mailoutbox[-1].subject == "[Let's Connect] Has obtenido una insignia: Mentor"


def test_a_badge_rule_edited_by_a_liaison_applies_from_then_on():
    learner = ParticipantFactory()
    for _number in range(2):
        AttendanceFactory(participant=learner, clinic=_held())
    BadgeClass.objects.filter(slug="five-clinics").update(threshold=2)

    services.evaluate(participant=learner)

    assert _badges(learner) == ["first-clinic", "five-clinics"]


def test_the_recipient_hash_matches_the_email_with_the_salt_and_differs_between_awards():
    import hashlib

    learner = ParticipantFactory(user__email="Ana.Learner@Example.org")
    for _number in range(5):
        AttendanceFactory(participant=learner, clinic=_held())
    services.evaluate(participant=learner)
    first, five = (
        Award.objects.get(participant=learner, badge__slug=slug) for slug in ("first-clinic", "five-clinics")
    )

    expected = "sha256$" + hashlib.sha256(("ana.learner@example.org" + first.recipient_salt).encode()).hexdigest()
    assert first.recipient_identity == expected
    assert first.recipient_salt != five.recipient_salt
    assert "ana.learner" not in first.recipient_identity


@pytest.fixture
def liaison_client(client):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)
    return client, liaison


def test_a_liaison_names_an_ambassador_with_a_reason_and_a_second_time_is_refused(
    liaison_client, mailoutbox, django_capture_on_commit_callbacks
):
    client, liaison = liaison_client
    ambassador = ParticipantFactory(user__email="amb@example.org")
    badge = BadgeClass.objects.get(slug="ambassador")
    url = reverse("admin:badges_award_add")
    data = {"badge": badge.pk, "participant": ambassador.pk, "reason": "Runs the Swahili clinics"}

    no_reason = client.post(url, {**data, "reason": " "})
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(url, data)
    again = client.post(url, data)

    award = Award.objects.get()
    assert no_reason.context["adminform"].form.errors["reason"] == [
        "Say why this badge is given: the reason is part of the award."
    ]
    assert created.status_code == 302
    assert (award.badge, award.participant, award.awarded_by, award.reason) == (
        badge,
        ambassador,
        liaison,
        "Runs the Swahili clinics",
    )
    assert again.context["adminform"].form.non_field_errors() == ["This person already holds this badge."]
    assert [email.to for email in mailoutbox] == [["amb@example.org"]]


def test_revoking_needs_a_reason_and_keeps_the_award_marked_revoked(liaison_client):
    client, _liaison = liaison_client
    award = services.award_manually(
        badge=BadgeClass.objects.get(slug="ambassador"), participant=ParticipantFactory(), by=None, reason="Help"
    )
    changelist = reverse("admin:badges_award_changelist")
    selection = {"action": "revoke", "_selected_action": [award.pk]}

    form_page = client.post(changelist, selection)
    empty = client.post(changelist, {**selection, "apply": "1", "reason": ""})
    client.post(changelist, {**selection, "apply": "1", "reason": "Stepped down"})

    award.refresh_from_db()
    assert form_page.templates[0].name == "admin/badges/award/revoke.html"
    assert empty.context["form"].errors == {"reason": ["This field is required."]}
    assert (award.revoked, award.revocation_reason) == (True, "Stepped down")
    services.evaluate(participant=award.participant)
    assert Award.objects.count() == 1


def test_badges_given_without_notice_write_no_email_and_with_notice_one_each():
    from mail.models import Email

    quiet, told = ParticipantFactory(), ParticipantFactory()
    for participant in (quiet, told):
        AttendanceFactory(participant=participant, clinic=_held())

    services.evaluate(participant=quiet, notify=False)  # the demo data and back-filled history
    services.evaluate(participant=told)

    assert (_badges(quiet), _badges(told)) == (["first-clinic"], ["first-clinic"])
    assert list(Email.objects.filter(kind=Email.Kind.BADGE).values_list("recipient", flat=True)) == [told.user_id]
