"""Celery tasks of the activity app: thin, by id."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import mediawiki, services, summary
from .models import WikiAccount
from .signals import activity_changed

logger = logging.getLogger(__name__)


@shared_task
def read_activity(participant_id):
    """Read one participant's activity, just after they consented. Whatever stops it (the budget, an API that
    keeps failing) leaves them due: the nightly run reads them."""
    try:
        services.read_participant(participant_id=participant_id)
    except (mediawiki.BudgetSpent, mediawiki.ApiError) as error:
        logger.warning("activity of participant %s not read: %r", participant_id, error)


@shared_task
def read_due_activity():
    """Nightly (Celery beat): the first clinics and the activity after them, then every account not read for
    WIKI_ACTIVITY_REFRESH_DAYS, as far as the day's budget goes."""
    if summary.refresh():
        activity_changed.send(sender=WikiAccount)
    read_before = timezone.now() - timedelta(days=settings.WIKI_ACTIVITY_REFRESH_DAYS)
    read, left = services.read_due(read_before=read_before)
    return {"read": read, "left": left}
