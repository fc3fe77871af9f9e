"""Browser fixtures: headless Chromium (Debian's package) driven by Playwright, an axe-core check, and a watch on
the Content-Security-Policy that fails any browser test whose pages the policy blocked something in."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

from tests.factories import ParticipantFactory

# A first admin page loads a dozen scripts through the live server: on a shared machine under load that took 15 s.
PAGE_TIMEOUT_MS = 30_000
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Runs in every page before its own scripts; reports each violation of the page's policy to the test.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} at ${event.sourceFile || document.URL}` +
      `:${event.lineNumber} ${event.sample || ""}`
  );
});
"""


class CspWatchingBrowser:
    """The browser, whose every new context reports what the Content-Security-Policy blocked to `violations`."""

    def __init__(self, browser):
        self._browser = browser
        self.violations = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.expose_function("reportCspViolation", self._record)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        # Chromium also logs each violation to the console (the event does not fire with JavaScript off).
        context.on("console", self._record_console_message)
        return context

    def _record(self, violation):
        self.violations.append(violation)

    def _record_console_message(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)

    def __getattr__(self, name):
        return getattr(self._browser, name)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail(
            "Chromium is missing: `make test` installs Debian's `chromium` package; install it to run browser tests."
        )
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        # Playwright's greenlets give the test code a new context, and so new database connection
        # objects (Django keeps them in context variables): hand them the data the test database
        # was created with, which transactional tests restore after each flush.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield CspWatchingBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def _no_csp_violation(chromium):
    """Fail every browser test in whose pages the Content-Security-Policy blocked anything."""
    chromium.violations.clear()
    yield
    assert chromium.violations == [], "The Content-Security-Policy blocked:\n" + "\n".join(chromium.violations)


@pytest.fixture(autouse=True)
def _browser_database(django_db_serialized_rollback, settings):
    """Browser tests commit for real (the live server runs in another thread), so the reference data
    that migrations loaded (countries, regions, skills) is restored after each of them.

    The live server serves static files through Django's finders, which know the files by their
    plain names, not by the hashed names of the production manifest.
    """
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium, live_server):
    """A 360 px wide phone screen."""
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def participant(db):
    return ParticipantFactory(display_name="Neema Mwangi")


def signed_in_context(chromium, live_server, user, **options):
    """A browser context whose session is signed in as `user`, and a page in it."""
    client = Client()
    client.force_login(user)
    context = chromium.new_context(base_url=live_server.url, **options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    return context, page


@pytest.fixture
def logged_in_page(chromium, live_server, participant):
    """A page whose browser is signed in as `participant`."""
    context, page = signed_in_context(chromium, live_server, participant.user)
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core (from npm) on the page and fail on any violation, listing each with its elements."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: `make test` installs it with npm.")

    # Evaluated by Playwright, which the page's Content-Security-Policy does not govern; a <script> tag would be
    # blocked, as it should be.
    axe_source = AXE_SCRIPT.read_text(encoding="utf-8")

    def check(page):
        if not page.evaluate("() => Boolean(window.axe)"):
            page.evaluate(f"() => {{ {axe_source}\n}}")
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert violations == [], json.dumps(violations, indent=1)

    return check
