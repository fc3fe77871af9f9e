"""Reading a participant's public activity: their global account (meta=globaluserinfo) and, on each of their home
wikis, their contributions since the last complete month (list=usercontribs, page after page), kept as monthly
counts. Only timestamps are asked for, and none is kept."""

from collections import Counter
from datetime import UTC, date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from participants.services import record_wikimedia_username

from . import mediawiki, summary
from .models import MonthlyEdits, WikiAccount
from .signals import activity_changed


def first_of_month(day):
    return date(day.year, day.month, 1)


def read_account(*, account, client):
    """Read `account` (a WikiAccount) and store what was read. Raises mediawiki.BudgetSpent or ApiError when it
    could not finish; whatever wiki was read in full before that is kept."""
    participant = account.participant
    info = _global_account(account, client)
    now = timezone.now()
    if info is None:
        account.state = WikiAccount.State.MISSING
        account.read_at = now
        account.save(update_fields=["state", "read_at"])
        activity_changed.send(sender=WikiAccount)
        return account
    if account.username and info["name"] != account.username:
        # Renamed: the global account is the same (its id), its name is new.
        record_wikimedia_username(user=participant.user, username=info["name"])
    account.username = info["name"]
    account.central_id = info["id"]
    account.global_edit_count = info.get("editcount")
    account.global_registration = parse_datetime(info["registration"]) if info.get("registration") else None
    account.save(update_fields=["username", "central_id", "global_edit_count", "global_registration"])

    wikis = {(wiki.project, wiki.language) for wiki in participant.home_wikis.all()}
    this_month = first_of_month(now.date())
    for project, language in sorted(wikis):
        code = f"{language}.{project}" if language else project
        since = date.fromisoformat(account.complete_until.get(code, settings.WIKI_ACTIVITY_SINCE))
        counts = _monthly_contributions(client, mediawiki.host(project, language), info["name"], since)
        with transaction.atomic():
            MonthlyEdits.objects.filter(
                participant=participant, project=project, language=language, month__gte=since
            ).delete()
            MonthlyEdits.objects.bulk_create(
                MonthlyEdits(participant=participant, project=project, language=language, month=month, edits=edits)
                for month, edits in sorted(counts.items())
            )
            account.complete_until[code] = this_month.isoformat()
            account.save(update_fields=["complete_until"])
    # Wikis no longer among the home wikis: their counts go.
    stale = set(account.complete_until) - {
        f"{language}.{project}" if language else project for project, language in wikis
    }
    with transaction.atomic():
        for code in stale:
            language, _dot, project = code.rpartition(".")
            MonthlyEdits.objects.filter(participant=participant, project=project, language=language).delete()
            del account.complete_until[code]
        account.state = WikiAccount.State.READ
        account.read_at = now
        account.save(update_fields=["complete_until", "state", "read_at"])
        summary.refresh(accounts=WikiAccount.objects.filter(pk=account.pk))
    activity_changed.send(sender=WikiAccount)
    return account


def _global_account(account, client):
    """The globaluserinfo of the account (by its id once known, so that a rename is followed), or None."""
    params = {"meta": "globaluserinfo", "guiprop": "editcount"}
    if account.central_id:
        params["guiid"] = str(account.central_id)
    else:
        params["guiuser"] = account.username or account.participant.wikimedia_username
    info = client.query(mediawiki.host(*mediawiki.META), params)["query"]["globaluserinfo"]
    return None if info.get("missing") is not None else info


def _monthly_contributions(client, wiki_host, username, since):
    """{first day of a month: edits} of `username` on the wiki, from `since` (a first day of a month) on."""
    start = datetime(since.year, since.month, 1, tzinfo=UTC)
    params = {
        "list": "usercontribs",
        "ucuser": username,
        "ucprop": "timestamp",
        "uclimit": "max",
        "ucdir": "newer",
        "ucstart": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    counts = Counter()
    while True:
        data = client.query(wiki_host, params)
        for contribution in data.get("query", {}).get("usercontribs", []):
            counts[first_of_month(parse_datetime(contribution["timestamp"]).date())] += 1
        if "continue" not in data:
            return counts
        params = {**params, **data["continue"]}
