"""When attendance, shares, mentorships or a clinic's status change, the people concerned are evaluated again.

Connected to the other apps' model signals in BadgesConfig.ready(): the receivers only enqueue a task after the
transaction commits (the rules themselves live in badges.rules and badges.services)."""

from . import tasks


def participant_changed(sender, instance, **kwargs):
    """Attendance, ClinicSharer: the participant; Mentorship: the mentor."""
    participant_id = getattr(instance, "mentor_id", None) or getattr(instance, "participant_id", None)
    if participant_id:
        tasks.evaluate_badges.delay_on_commit(participant_id)


def clinic_changed(sender, instance, **kwargs):
    if instance.status == instance.Status.HELD:
        tasks.evaluate_clinic.delay_on_commit(instance.pk)
