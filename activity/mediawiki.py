"""A polite client of the MediaWiki Action API (https://www.mediawiki.org/wiki/API:Etiquette).

Every request says who we are (a User-Agent with the site and a contact address), asks the servers to refuse it
while their replicas lag (`maxlag`), waits for the previous request to the same wiki to finish (one at a time per
wiki, across workers: a lock in the cache), retries with growing waits on a `maxlag` refusal and on 5xx answers,
and counts against a daily budget of requests shared by every worker.
"""

import time
import uuid
from datetime import timedelta

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

# Projects whose API is not at <language>.<project>.org.
HOSTS = {
    "wikidata": "www.wikidata.org",
    "commons": "commons.wikimedia.org",
    "wikispecies": "species.wikimedia.org",
    "wikifunctions": "www.wikifunctions.org",
    "meta": "meta.wikimedia.org",
    "mediawiki": "www.mediawiki.org",
    "incubator": "incubator.wikimedia.org",
}
META = ("meta", "")
RETRIES = 5
BACKOFF_SECONDS = 2  # doubled on each retry: 2, 4, 8, 16, 32 seconds
LOCK_SECONDS = 60  # a worker killed mid-request cannot hold a wiki for longer
LOCK_POLL_SECONDS = 0.05
TIMEOUT_SECONDS = 30


class ApiError(Exception):
    """The API refused or failed, and retrying did not help (or cannot)."""


class BudgetSpent(Exception):
    """Today's budget of requests is spent: the rest waits for tomorrow."""


def host(project, language):
    """The host name of a wiki, from a home wiki's project and language edition."""
    return HOSTS.get(project) or f"{language}.{project}.org"


def api_url(wiki_host):
    return settings.WIKI_ACTIVITY_API_URL.format(host=wiki_host)


def user_agent():
    contact = f"{settings.SITE_URL}; {settings.WIKI_ACTIVITY_CONTACT}"
    return f"LetsConnect/1.0 ({contact}) python-requests/{requests.__version__}"


class Client:
    """`sleep` waits between retries (tests record the waits instead of spending them)."""

    def __init__(self, *, sleep=time.sleep):
        self.sleep = sleep
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent()

    def query(self, wiki_host, params):
        """The JSON answer of action=query with `params` on the wiki at `wiki_host`."""
        params = {
            **params,
            "action": "query",
            "format": "json",
            "formatversion": "2",
            "maxlag": settings.WIKI_ACTIVITY_MAXLAG,
        }
        for attempt in range(RETRIES + 1):
            _spend_budget()
            with wiki_lock(wiki_host):
                try:
                    response = self.session.get(api_url(wiki_host), params=params, timeout=TIMEOUT_SECONDS)
                except requests.RequestException as error:
                    response, failure = None, str(error)
            wait = BACKOFF_SECONDS * 2**attempt
            if response is None:
                pass
            elif response.status_code >= 500:
                failure = f"HTTP {response.status_code}"
            elif response.status_code != 200:
                raise ApiError(f"HTTP {response.status_code} from {wiki_host}")
            else:
                data = response.json()
                error = data.get("error") or {}
                if error.get("code") != "maxlag":
                    if error:
                        raise ApiError(f"{error.get('code')}: {error.get('info')}")
                    return data
                failure = "maxlag"
                wait = max(wait, _retry_after(response))
            if attempt < RETRIES:
                self.sleep(wait)
        raise ApiError(f"{failure} from {wiki_host}, {RETRIES + 1} times")


def _retry_after(response):
    try:
        return int(response.headers.get("Retry-After", "0"))
    except ValueError:
        return 0


class wiki_lock:
    """One request at a time to a wiki, whichever worker makes it."""

    def __init__(self, wiki_host):
        self.key = f"activity:lock:{wiki_host}"
        self.token = uuid.uuid4().hex

    def __enter__(self):
        while not cache.add(self.key, self.token, timeout=LOCK_SECONDS):
            time.sleep(LOCK_POLL_SECONDS)

    def __exit__(self, *exc):
        if cache.get(self.key) == self.token:
            cache.delete(self.key)


def _budget_key():
    return f"activity:budget:{timezone.now().date().isoformat()}"


def _spend_budget():
    key = _budget_key()
    cache.add(key, 0, timeout=int(timedelta(days=2).total_seconds()))
    if cache.incr(key) > settings.WIKI_ACTIVITY_DAILY_REQUESTS:
        raise BudgetSpent


def requests_today():
    return cache.get(_budget_key()) or 0
