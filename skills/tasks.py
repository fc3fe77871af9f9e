"""Celery tasks of the skills app: thin, idempotent, by id."""

from celery import shared_task

from . import services


@shared_task
def refresh_search_documents_for_skill(skill_id):
    services.refresh_search_documents_for_skill(skill_id=skill_id)
