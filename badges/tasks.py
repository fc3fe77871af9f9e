"""Celery tasks of the badges app: thin, by id, safe to run twice."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def evaluate_badges(participant_id):
    from . import services  # services enqueue these tasks: import at run time

    services.evaluate_by_id(participant_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def evaluate_clinic(clinic_id):
    """A clinic was marked held: everyone who attended or shared it may have earned something."""
    from clinics.models import Attendance, ClinicSharer

    people = set(Attendance.objects.filter(clinic_id=clinic_id).values_list("participant_id", flat=True))
    people |= set(ClinicSharer.objects.filter(clinic_id=clinic_id).values_list("participant_id", flat=True))
    for participant_id in sorted(people - {None}):
        evaluate_badges.delay(participant_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def evaluate_everyone():
    """Nightly safety net: imports write in bulk, without the signals that usually trigger an evaluation."""
    from participants.models import Participant

    for participant_id in Participant.objects.values_list("pk", flat=True).iterator():
        evaluate_badges.delay(participant_id)
