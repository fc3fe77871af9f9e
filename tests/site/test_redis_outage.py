"""Redis down, or accepting connections and never answering: every page, sign-in, sign-up and RSVP still works and
answers in under 2 seconds; failed sign-ins are still limited (per process); an RSVP's email goes out once a
working Redis is back. The site as a real gunicorn process, a Redis and a black hole of the test's own."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings

from clinics.models import Registration
from letsconnect.models import DeferredTask
from mail.models import Email
from participants.models import User
from tests.factories import ClinicFactory, ParticipantFactory
from tests.site.conftest import Browser, production_environment

pytestmark = pytest.mark.outage

SLOW = 2.0
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


def _site_environment(*, redis_url, **extra):
    return production_environment(
        database_url=_database_url(),
        redis_url=redis_url,
        DJANGO_SETTINGS_MODULE="tests.settings",
        **extra,
    )


def _database_url():
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class TimedBrowser(Browser):
    """Keeps how long each request took."""

    timings = []

    def request(self, method, path, **kwargs):
        started = time.monotonic()
        response = super().request(method, path, **kwargs)
        self.timings.append((method, path, response.status_code, round(time.monotonic() - started, 2)))
        return response


@pytest.fixture
def people(transactional_db, django_db_serialized_rollback):
    clinic = ClinicFactory(title="Grants 101", slug="grants-101")
    participant = ParticipantFactory(user__username="ana", user__email="ana@example.org")
    guessed = ParticipantFactory(user__username="bea", user__email="bea@example.org")
    for user in (participant.user, guessed.user):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return {"clinic": clinic, "participant": participant}


@pytest.fixture(params=["stopped", "black hole"])
def unreachable_redis(request, private_redis, black_hole):
    """The URL of a Redis that cannot be reached: a stopped one, or a server that accepts and never answers."""
    if request.param == "stopped":
        private_redis["stop"]()
        return private_redis["url"]
    return f"redis://127.0.0.1:{black_hole.port}/0"


def test_while_redis_cannot_be_reached_pages_sign_in_sign_up_and_rsvp_answer_in_under_2_seconds(
    people, unreachable_redis, gunicorn_site
):
    environment = _site_environment(redis_url=unreachable_redis)
    site = gunicorn_site(environment, workers=1)  # one process: the fallback rate limits are counted in it
    TimedBrowser.timings = []
    visitor = TimedBrowser(site.url)

    pages = [visitor.get(path).status_code for path in (
        "/en/", "/es/", "/en/clinics/", "/en/clinics/grants-101/", "/en/people/", "/en/people/?q=ana",
        "/en/impact/", "/en/resources/", "/en/badges/",
    )]  # fmt: skip
    signed_in = visitor.post_form("/en/accounts/login/", "/en/accounts/login/", {"login": "ana", "password": PASSWORD})
    rsvp = visitor.post_form("/en/clinics/grants-101/", "/en/clinics/grants-101/rsvp/")
    confirmed = visitor.get("/en/clinics/grants-101/")
    newcomer = TimedBrowser(site.url)
    signed_up = newcomer.post_form(
        "/es/accounts/signup/",
        "/es/accounts/signup/",
        {"email": "kaya@example.org", "username": "kaya", "password1": "a long and unusual passphrase"},
    )
    guesser = TimedBrowser(site.url)
    guesses = [
        guesser.post_form("/en/accounts/login/", "/en/accounts/login/", {"login": "bea", "password": f"wrong {n}"})
        for n in range(6)
    ]
    right_at_last = guesser.post_form(
        "/en/accounts/login/", "/en/accounts/login/", {"login": "bea", "password": PASSWORD}
    )

    assert pages == [200] * 9
    assert (signed_in.status_code, signed_in.headers["Location"]) == (302, "/en/")
    assert (rsvp.status_code, rsvp.headers["Location"]) == (302, "/en/clinics/grants-101/")
    assert "You are registered. A confirmation is on its way by email." in confirmed.text
    assert Registration.objects.get(participant=people["participant"]).status == "registered"
    # The RSVP's confirmation and the sign-up's verification email are in the outbox; starting the sender waits in
    # PostgreSQL for Redis (and beat's sweep would send them anyway).
    assert list(DeferredTask.objects.values_list("name", flat=True)) == ["mail.send_due", "mail.send_due"]
    assert sorted(Email.objects.values_list("kind", flat=True)) == ["account", "rsvp"]
    assert (signed_up.status_code, signed_up.headers["Location"]) == (302, "/es/accounts/confirm-email/")
    assert User.objects.filter(username="kaya").exists()
    assert Email.objects.get(kind="account").address == "kaya@example.org"
    # allauth: at most 5 failed sign-ins per account in 5 minutes, counted in the process while Redis is away.
    refused = "Too many failed login attempts"
    assert [(guess.status_code, refused in guess.text) for guess in guesses] == [(200, False)] * 5 + [(200, True)]
    assert (right_at_last.status_code, refused in right_at_last.text) == (200, True)
    slow = [timing for timing in TimedBrowser.timings if timing[3] >= SLOW]
    assert slow == [], TimedBrowser.timings
    assert len(TimedBrowser.timings) == 9 + 2 + 2 + 1 + 2 + 2 * 7  # every request above was timed


def test_an_rsvp_while_redis_never_answers_is_emailed_once_a_working_redis_takes_its_place(
    people, black_hole, private_redis, smtp_sink, celery_workers, gunicorn_site, tmp_path
):
    # The site's Redis is a proxy of the test's own: first a black hole, then forwarding to a working Redis.
    environment = _site_environment(redis_url=f"redis://127.0.0.1:{black_hole.port}/0", EMAIL_URL=smtp_sink.url)
    site = gunicorn_site(environment, workers=1)
    TimedBrowser.timings = []
    visitor = TimedBrowser(site.url)
    visitor.post_form("/en/accounts/login/", "/en/accounts/login/", {"login": "ana", "password": PASSWORD})

    rsvp = visitor.post_form("/en/clinics/grants-101/", "/en/clinics/grants-101/rsvp/")
    kept = list(DeferredTask.objects.values_list("name", flat=True))
    black_hole.forward_to(int(private_redis["url"].rsplit(":", 1)[1].split("/")[0]))
    celery_workers.start(
        env=environment | {"DEFERRED_REPLAY_SECONDS": "1"}, wait=False, beat_schedule=tmp_path / "beat-schedule"
    )
    messages = smtp_sink.wait_for(1, timeout=60)
    smtp_sink.wait_for(2, timeout=4)  # nothing more comes

    assert (rsvp.status_code, rsvp.headers["Location"]) == (302, "/en/clinics/grants-101/")
    assert kept == ["mail.send_due"]
    assert [timing for timing in TimedBrowser.timings if timing[3] >= SLOW] == []
    assert [(message["To"], message["Subject"]) for message in smtp_sink.messages] == [
        ("ana@example.org", "[Let's Connect] You are registered: Grants 101")
    ]
    assert (len(messages), DeferredTask.objects.count()) == (1, 0)
