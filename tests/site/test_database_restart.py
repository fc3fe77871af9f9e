"""PostgreSQL restarted under load: every request is answered 2xx/3xx or with the site's 503 page in its language,
never 500 nor a dropped connection; the site recovers by itself; no RSVP is half-saved. A PostgreSQL, a Redis and
gunicorn of the test's own."""

import threading
import time
from collections import Counter

import psycopg
import pytest
import requests

from tests.site.conftest import Browser, manage, production_environment, seed

pytestmark = pytest.mark.outage

SEED = """
import json
from django.test import Client
from tests.factories import ClinicFactory, ParticipantFactory
clinics = [ClinicFactory(slug=f"load-{n}", title=f"Load {n}") for n in range(8)]
sessions = []
for n in range(4):
    participant = ParticipantFactory(user__email=f"load{n}@example.org")
    client = Client()
    client.force_login(participant.user)
    sessions.append([participant.pk, client.cookies["sessionid"].value])
print(json.dumps({"clinics": [clinic.slug for clinic in clinics], "sessions": sessions}))
"""
SPANISH = "El sitio no pudo completar su solicitud"
ENGLISH = "The site could not complete your request"
PAGES = ["/en/", "/es/", "/en/clinics/", "/es/clinics/", "/en/clinics/load-0/", "/es/clinics/load-1/"]


class Load:
    """Threads sending requests until stopped; every outcome kept as (kind, path, status or error, body)."""

    def __init__(self, site, data):
        self.site, self.data = site, data
        self.stopping = threading.Event()
        self.outcomes, self.rsvp_successes = [], set()
        self.lock = threading.Lock()

    def _keep(self, kind, path, response):
        with self.lock:
            self.outcomes.append((kind, path, response.status_code, response.text, response.headers))

    def _pages(self, offset):
        browser = Browser(self.site.url)
        position = offset
        while not self.stopping.is_set():
            path = PAGES[position % len(PAGES)]
            position += 1
            try:
                self._keep("page", path, browser.get(path))
            except requests.RequestException as error:
                with self.lock:
                    self.outcomes.append(("page", path, type(error).__name__, str(error), {}))

    def _rsvps(self, participant_id, session_key):
        browser = Browser(self.site.url, session_key=session_key)
        position = 0
        while not self.stopping.is_set():
            slug = self.data["clinics"][position % len(self.data["clinics"])]
            position += 1
            language = "es" if position % 2 else "en"
            page = f"/{language}/clinics/{slug}/"
            try:
                response = browser.post_form(page, f"{page}rsvp/")
            except requests.RequestException as error:
                with self.lock:
                    self.outcomes.append(("rsvp", page, type(error).__name__, str(error), {}))
                continue
            self._keep("rsvp", page, response)
            if response.status_code == 302 and response.headers["Location"] == page:
                with self.lock:
                    self.rsvp_successes.add((slug, participant_id))

    def __enter__(self):
        self.threads = [threading.Thread(target=self._pages, args=(n,)) for n in range(3)]
        self.threads += [threading.Thread(target=self._rsvps, args=pair) for pair in self.data["sessions"]]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_a_database_restart_under_load_answers_503_in_the_page_language_recovers_alone_and_loses_no_rsvp(
    private_postgres, private_redis, gunicorn_site
):
    environment = production_environment(database_url=private_postgres["url"], redis_url=private_redis["url"])
    manage(environment, "migrate", "--noinput", "-v0")
    data = seed(environment, SEED)
    site = gunicorn_site(environment, workers=2)

    with Load(site, data) as load:
        time.sleep(3)
        private_postgres["stop"]()
        # While it is down: the site's own page, in the page's language, asking to come back later.
        # (Pages that read the database: the clinic list may still be answered from the cache, whole.)
        while_down = {path: Browser(site.url).get(path) for path in ("/es/", "/en/clinics/load-2/")}
        health_while_down = Browser(site.url).get("/healthz")
        time.sleep(2)
        private_postgres["start"]()
        restarted = time.monotonic()
        while Browser(site.url).get("/es/").status_code != 200 and time.monotonic() - restarted < 30:
            time.sleep(0.1)
        recovered_after = time.monotonic() - restarted
        time.sleep(3)
        # A quick `pg_ctl restart` as well, in the middle of the load.
        private_postgres["restart"]()
        time.sleep(3)
    after = [Browser(site.url).get(path).status_code for path in PAGES * 3]

    statuses = Counter((kind, status) for kind, _path, status, _body, _headers in load.outcomes)
    assert set(statuses) <= {("page", 200), ("page", 503), ("rsvp", 302), ("rsvp", 503)}, statuses
    assert min(statuses["rsvp", 302], statuses["page", 200], statuses["page", 503]) > 0, statuses
    for _kind, path, status, body, headers in load.outcomes:
        if status == 503:
            assert (SPANISH if path.startswith("/es/") else ENGLISH) in body, body[:500]
            assert headers["Retry-After"] == "10"
    assert [(response.status_code, response.headers["Retry-After"]) for response in while_down.values()] == [
        (503, "10"), (503, "10"),
    ]  # fmt: skip
    assert (health_while_down.status_code, health_while_down.json()) == (503, {"database": "down", "broker": "ok"})
    spanish, english = while_down.values()
    assert (SPANISH in spanish.text, '<html lang="es"' in spanish.text) == (True, True)
    assert (ENGLISH in english.text, '<html lang="en"' in english.text) == (True, True)
    assert recovered_after < 5, f"the site answered 200 again only {recovered_after:.1f} s after the restart"
    assert after == [200] * len(after)

    # No RSVP half-saved: every confirmed RSVP is stored, and every stored one has its confirmation in the outbox.
    with psycopg.connect(private_postgres["url"].replace("postgres://", "postgresql://")) as db:
        registrations = db.execute(
            "SELECT r.id, c.slug, r.participant_id, r.status FROM clinics_registration r "
            "JOIN clinics_clinic c ON c.id = r.clinic_id"
        ).fetchall()
        deferred = db.execute("SELECT count(*) FROM letsconnect_deferredtask").fetchone()[0]
        # Written in the RSVP's own transaction: an RSVP saved is an email in the outbox.
        confirmations = db.execute(
            "SELECT (context->>'registration')::int, context->>'event' FROM mail_email WHERE kind = 'rsvp'"
        ).fetchall()
    assert load.rsvp_successes <= {(slug, participant) for _id, slug, participant, _status in registrations}
    assert sorted(confirmations) == sorted((pk, "registered") for pk, _slug, _participant, _status in registrations)
    assert ({status for *_rest, status in registrations}, deferred) == ({"registered"}, 0)
