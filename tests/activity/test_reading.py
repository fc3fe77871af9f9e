"""Reading activity from the (fake, over HTTP) MediaWiki Action API: what is asked, what is kept, and how."""

import threading
from datetime import date

import pytest
from django.conf import settings

from activity import mediawiki, services
from activity.models import MonthlyEdits, WikiAccount

from .fake_mediawiki import GlobalUser

SW = "sw.wikipedia.org"
WIKIDATA = "www.wikidata.org"
META = "meta.wikimedia.org"


def counts(participant):
    return [(row.code, row.month, row.edits) for row in MonthlyEdits.objects.filter(participant=participant)]


def amani(mediawiki, **kwargs):
    return mediawiki.add_user(
        GlobalUser(
            id=41,
            name="Amani",
            editcount=1234,
            contributions={
                SW: [
                    "2023-12-31T23:59:59Z",  # before the first month asked for: not counted
                    "2024-01-03T10:00:00Z",
                    "2024-01-20T10:00:00Z",
                    "2024-01-31T23:59:59Z",
                    "2024-02-01T00:00:00Z",
                    "2024-04-11T08:00:00Z",
                    "2024-04-12T08:00:00Z",
                    "2024-04-13T08:00:00Z",
                ],
                WIKIDATA: ["2024-02-10T10:00:00Z", "2024-02-11T10:00:00Z"],
                "fr.wikipedia.org": ["2024-03-01T00:00:00Z"],  # not a home wiki: not read
            },
            **kwargs,
        )
    )


def test_contributions_are_kept_as_monthly_counts_per_home_wiki_across_continuation(
    mediawiki, waits, sharing_participant, settings
):
    settings.WIKI_ACTIVITY_SINCE = "2024-01-01"
    mediawiki.page_size = 3
    amani(mediawiki)
    participant = sharing_participant()

    account = services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert counts(participant) == [
        ("sw.wikipedia", date(2024, 1, 1), 3),
        ("wikidata", date(2024, 2, 1), 2),
        ("sw.wikipedia", date(2024, 2, 1), 1),
        ("sw.wikipedia", date(2024, 4, 1), 3),
    ]
    assert (account.state, account.username, account.central_id, account.global_edit_count) == (
        WikiAccount.State.READ,
        "Amani",
        41,
        1234,
    )
    # 7 Swahili contributions in pages of 3: three requests, the last two continuing where the previous stopped.
    pages = mediawiki.requests_to(SW, list="usercontribs")
    assert [("uccontinue" in params) for _host, params, _headers in pages] == [False, True, True]
    assert [params["ucstart"] for _host, params, _headers in pages] == ["2024-01-01T00:00:00Z"] * 3
    assert mediawiki.requests_to("fr.wikipedia.org") == []
    assert waits.waits == []


def test_every_request_follows_the_api_etiquette(mediawiki, waits, sharing_participant):
    amani(mediawiki)
    participant = sharing_participant()

    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert {host for host, _params, _headers in mediawiki.requests} == {META, SW, WIKIDATA}
    for _host, params, headers in mediawiki.requests:
        assert headers["User-Agent"].startswith(f"LetsConnect/1.0 ({settings.SITE_URL}; team@letsconnect.example)")
        assert (params["maxlag"], params["format"], params["formatversion"]) == ("5", "json", "2")
        assert params.get("uclimit", "max") == "max"
        assert params.get("ucprop", "timestamp") == "timestamp"  # when, never what


def test_a_maxlag_refusal_is_retried_after_the_wait_the_servers_ask_for(mediawiki, waits, sharing_participant):
    amani(mediawiki)
    mediawiki.failures[SW] = ["maxlag", "maxlag"]
    participant = sharing_participant()

    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert waits.waits == [5, 5]  # Retry-After: 5, more than the first backoffs (2 s, 4 s)
    assert len(mediawiki.requests_to(SW, list="usercontribs")) == 3
    assert MonthlyEdits.objects.filter(participant=participant, project="wikipedia").count() == 4


def test_server_errors_are_retried_with_growing_waits(mediawiki, waits, sharing_participant):
    amani(mediawiki)
    mediawiki.failures[META] = [503, 502, 500]
    participant = sharing_participant()

    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert waits.waits == [2, 4, 8]
    assert WikiAccount.objects.get(participant=participant).state == WikiAccount.State.READ


def test_an_api_that_keeps_failing_gives_up_and_leaves_the_account_due(mediawiki, waits, sharing_participant):
    amani(mediawiki)
    mediawiki.failures[META] = [503] * 10
    participant = sharing_participant()

    with pytest.raises(mediawiki_module().ApiError):
        services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert waits.waits == [2, 4, 8, 16, 32]
    assert len(mediawiki.requests) == 6
    account = WikiAccount.objects.get(participant=participant)
    assert (account.state, account.read_at, counts(participant)) == (WikiAccount.State.WAITING, None, [])


def test_a_username_without_a_global_account_is_recorded_as_missing(mediawiki, waits, sharing_participant):
    participant = sharing_participant(username="Nobody Here")

    account = services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert account.state == WikiAccount.State.MISSING
    assert mediawiki.requests_to(SW) == []
    assert counts(participant) == []


def test_a_renamed_account_is_followed_through_its_global_id(mediawiki, waits, sharing_participant):
    user = amani(mediawiki)
    participant = sharing_participant()
    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))
    mediawiki.rename(user.id, "Amani Juma")
    user.contributions[SW].append("2024-05-02T09:00:00Z")

    account = services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    # The old name is missing now; asked by id, the account answers with its new name.
    assert mediawiki.requests_to(META)[-1][1]["guiid"] == "41"
    assert account.username == "Amani Juma"
    participant.refresh_from_db()
    assert (participant.wikimedia_username, participant.wikimedia_username_verified) == ("Amani Juma", True)
    assert mediawiki.requests_to(SW, list="usercontribs")[-1][1]["ucuser"] == "Amani Juma"


def test_a_second_read_asks_only_for_the_months_not_yet_complete(mediawiki, waits, sharing_participant):
    amani(mediawiki)
    participant = sharing_participant()
    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))
    this_month = WikiAccount.objects.get(participant=participant).complete_until["sw.wikipedia"]

    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert mediawiki.requests_to(SW, list="usercontribs")[-1][1]["ucstart"] == f"{this_month}T00:00:00Z"
    assert MonthlyEdits.objects.filter(participant=participant, project="wikipedia").count() == 4


def test_a_wiki_no_longer_among_the_home_wikis_loses_its_counts(mediawiki, waits, sharing_participant):
    amani(mediawiki)
    participant = sharing_participant()
    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))
    participant.home_wikis.filter(project="wikidata").delete()

    services.read_participant(participant_id=participant.pk, client=mediawiki_client(waits))

    assert {row.code for row in MonthlyEdits.objects.filter(participant=participant)} == {"sw.wikipedia"}
    assert list(WikiAccount.objects.get(participant=participant).complete_until) == ["sw.wikipedia"]


def test_the_daily_budget_stops_the_nightly_run_and_keeps_the_rest_due(mediawiki, waits, sharing_participant, settings):
    amani(mediawiki)
    first = sharing_participant(wikis=[("wikipedia", "sw")])
    second = sharing_participant(username="Amani", wikis=[("wikipedia", "sw")])
    settings.WIKI_ACTIVITY_DAILY_REQUESTS = 3  # the first takes 2: its global account and one page

    read, left = services.read_due(read_before=mediawiki_now(), client=mediawiki_client(waits))

    assert (read, left) == (1, 1)
    assert WikiAccount.objects.get(participant=first).state == WikiAccount.State.READ
    assert WikiAccount.objects.get(participant=second).read_at is None
    assert mediawiki_module().requests_today() == 4  # the fourth was refused before it was sent
    assert len(mediawiki.requests) == 3


def test_one_request_at_a_time_per_wiki_whichever_worker_asks(mediawiki):
    mediawiki.delay = 0.2
    clients = [mediawiki_client(lambda seconds: None) for _index in range(3)]
    threads = [
        threading.Thread(target=client.query, args=(SW, {"meta": "globaluserinfo", "guiuser": "X"}))
        for client in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(mediawiki.requests_to(SW)) == 3
    assert mediawiki.most_in_flight[SW] == 1


def mediawiki_module():
    return mediawiki


def mediawiki_client(sleep):
    return mediawiki.Client(sleep=sleep)


def mediawiki_now():
    from django.utils import timezone

    return timezone.now()


def test_the_nightly_task_reads_the_accounts_due_and_works_out_the_first_clinics(mediawiki, sharing_participant):
    from activity import tasks

    amani(mediawiki)
    participant = sharing_participant()

    result = tasks.read_due_activity()

    assert result == {"read": 1, "left": 0}
    assert WikiAccount.objects.get(participant=participant).state == WikiAccount.State.READ
    assert tasks.read_due_activity() == {"read": 0, "left": 0}  # read today: not due again for a week
