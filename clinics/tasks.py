"""Celery tasks of the clinics app: thin, by id."""

from celery import shared_task

from . import emails
from .models import Registration


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_registration_email(registration_id, event):
    """`event`: registered, waitlisted or promoted."""
    registration = (
        Registration.objects.select_related("participant__user", "clinic__topic").filter(pk=registration_id).first()
    )
    if registration is not None:
        emails.registration_email(registration, event=event)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_clinic_notice(registration_id, event):
    """`event`: cancelled or moved (the clinic's new time)."""
    registration = (
        Registration.objects.select_related("participant__user", "clinic__topic").filter(pk=registration_id).first()
    )
    if registration is not None:
        emails.clinic_notice(registration, event=event)
