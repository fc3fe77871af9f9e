"""The load benchmark's visitors, for locust; run by bench/load.py, which writes the plan they read.

Visitors browse without signing in; members are signed in (sessions prepared by bench/load.py through the real
sign-in form) and also RSVP to upcoming clinics, or cancel, through the clinic page's own form with its CSRF
token. Each page is tagged, so that bench/load.py can also run one page alone (`--tags directory`).
"""

import json
import os
import random
import re

from locust import FastHttpUser, between, tag, task

with open(os.environ["LOAD_BENCH_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RSVP_FORM = re.compile(r'action="(/en/clinics/[^/"]+/(?:rsvp|cancel)/)"')
REGISTERED = ("You are registered.", "You are on the waitlist.")
SESSIONS = iter(PLAN["sessions"] * 1000)  # members take the prepared sessions in turn


def language():
    """Most visitors read English; the others the site's other languages."""
    return random.choices(PLAN["languages"], weights=PLAN["language_weights"])[0]  # noqa: S311 -- not secret


class Visitor(FastHttpUser):
    weight = 4
    # Seconds a user reads a page before the next: "0,0" (each page alone) sends the next as soon as one returns.
    wait_time = between(*(float(seconds) for seconds in os.environ.get("LOAD_BENCH_WAIT", "1,5").split(",")))

    @tag("home")
    @task(3)
    def home(self):
        self.client.get(f"/{language()}/", name="home")

    @tag("clinic_list")
    @task(2)
    def clinic_list(self):
        self.client.get(f"/{language()}/clinics/", name="clinic list")

    @tag("clinic_detail")
    @task(2)
    def clinic_detail(self):
        self.client.get(f"/{language()}/clinics/{random.choice(PLAN['clinics'])}/", name="clinic detail")  # noqa: S311

    @tag("directory")
    @task(3)
    def directory(self):
        search = random.choice(PLAN["searches"])  # noqa: S311 -- not secret
        self.client.get(f"/{language()}/people/{'?' + search if search else ''}", name="directory")

    @tag("profile")
    @task(3)
    def profile(self):
        self.client.get(f"/{language()}/people/{random.choice(PLAN['profiles'])}/", name="profile")  # noqa: S311

    @tag("impact")
    @task(1)
    def impact(self):
        self.client.get(f"/{language()}/impact/", name="impact")

    @tag("trivial")  # excluded from the mix: only alone, as the ceiling
    @task(1)
    def trivial(self):
        self.client.get("/bench/trivial", name="trivial")


class Member(Visitor):
    """A signed-in participant: the same pages, and RSVPs."""

    weight = 1

    def __init__(self, environment):
        # The session and CSRF cookies on every request, by hand: the site marks its cookies Secure (it is served
        # over HTTPS), so a cookie jar would keep them off this plain-HTTP connection.
        self.default_headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in next(SESSIONS).items())}
        super().__init__(environment)

    @tag("rsvp")
    @task(2)
    def rsvp(self):
        """Open an upcoming clinic's page and post its form: register if not yet registered, else cancel."""
        slug = random.choice(PLAN["upcoming"])  # noqa: S311 -- not secret
        with self.client.get(f"/en/clinics/{slug}/", name="rsvp: clinic page", catch_response=True) as page:
            form, token = RSVP_FORM.search(page.text or ""), CSRF_FIELD.search(page.text or "")
            if not (form and token):
                page.failure("no RSVP form on the clinic page: not signed in?")
                return
        action = form.group(1)
        with self.client.post(
            action,
            data={"csrfmiddlewaretoken": token.group(1), "interpretation_language": ""},
            name="rsvp",
            headers={"Referer": f"{self.host}/en/clinics/{slug}/"},
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"the RSVP answered {answer.status_code}, not a redirect to the clinic")
                return
        # Back on the clinic's page, which shows the new state (the confirmation message is in a cookie).
        with self.client.get(f"/en/clinics/{slug}/", name="rsvp: clinic page", catch_response=True) as page:
            text = page.text or ""
            if action.endswith("/cancel/"):
                form = RSVP_FORM.search(text)
                done = form and form.group(1).endswith("/rsvp/")
            else:
                done = any(state in text for state in REGISTERED)
            if not done:
                page.failure("the clinic's page does not show the RSVP just made")
