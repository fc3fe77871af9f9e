"""Operations on a participant's on-wiki activity: consent given, changed or withdrawn, and reads."""

from django.db import transaction
from django.utils import timezone

from . import mediawiki, reading
from .models import MonthlyEdits, WikiAccount
from .signals import activity_changed


class NotVerified(Exception):
    """Activity is read only for a Wikimedia username confirmed by a Wikimedia sign-in."""


@transaction.atomic
def save_choices(*, participant, share, shown_on_profile):
    """Give, keep or withdraw the consent to read the participant's activity; withdrawing deletes what was read.

    A new consent is read at once (after the commit), by a worker."""
    from .tasks import read_activity

    account = WikiAccount.objects.filter(participant=participant).first()
    if not share:
        if account is not None:
            withdraw(participant=participant)
        return None
    if not (participant.wikimedia_username_verified and participant.wikimedia_username):
        raise NotVerified
    if account is None:
        account = WikiAccount.objects.create(
            participant=participant,
            consented_at=timezone.now(),
            shown_on_profile=shown_on_profile,
            username=participant.wikimedia_username,
        )
        read_activity.delay_on_commit(participant.pk)
    elif account.shown_on_profile != shown_on_profile:
        account.shown_on_profile = shown_on_profile
        account.save(update_fields=["shown_on_profile"])
    return account


@transaction.atomic
def withdraw(*, participant):
    """Delete the consent and every count read with it."""
    MonthlyEdits.objects.filter(participant=participant).delete()
    WikiAccount.objects.filter(participant=participant).delete()
    transaction.on_commit(lambda: activity_changed.send(sender=WikiAccount))


def read_participant(*, participant_id, client=None):
    """Read one participant's activity now, if they still consent. Returns the WikiAccount, or None."""
    account = WikiAccount.objects.select_related("participant__user").filter(participant_id=participant_id).first()
    if account is None:
        return None
    return reading.read_account(account=account, client=client or mediawiki.Client())


def read_due(*, read_before, client=None):
    """Read the accounts waiting longest, one after the other, until all due are read or today's budget is spent.
    Returns (read, left)."""
    client = client or mediawiki.Client()
    due = list(WikiAccount.objects.due(read_before=read_before).values_list("participant_id", flat=True))
    done = 0
    for participant_id in due:
        try:
            read_participant(participant_id=participant_id, client=client)
        except mediawiki.BudgetSpent:
            break
        except mediawiki.ApiError:
            continue  # this one stays due; the others go on
        done += 1
    return done, len(due) - done
