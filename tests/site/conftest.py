"""Fixtures of the site's outage tests: the site as real gunicorn processes, seeded through manage.py."""

import json
import os
import re
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import BASE_DIR, free_port

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def production_environment(*, database_url, redis_url, **extra):
    """What a production site process gets (debug off, a secret, plain HTTP on 127.0.0.1), plus `extra`."""
    return os.environ | {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "outage-tests-secret-key-not-for-production-use",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        **extra,
    }


def manage(environment, *arguments, stdin=None):
    """Run `manage.py` with `environment`; fails the test with its output when it fails."""
    done = subprocess.run([sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=environment, input=stdin,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"manage.py {' '.join(arguments)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def seed(environment, script):
    """Run `script` in `manage.py shell` against the site's database; it prints one JSON document, returned."""
    return json.loads(manage(environment, "shell", "-c", script).strip().splitlines()[-1])


class Site:
    """gunicorn serving the site (deploy/gunicorn.conf.py) on a free port, as production runs it."""

    def __init__(self, environment, *, workers):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = environment | {"GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers),
                                     "GUNICORN_ACCESS_LOG": "", "LOG_LEVEL": "WARNING"}  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "letsconnect.wsgi"],
            cwd=BASE_DIR, env=environment,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{self.url}/en/", timeout=10)
                return
            except requests.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start (exit code {self.process.poll()}).")
                time.sleep(0.2)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def gunicorn_site():
    """`gunicorn_site(environment, workers=2)` starts the site; every site started is stopped after the test."""
    sites = []

    def start(environment, *, workers=2):
        sites.append(Site(environment, workers=workers))
        return sites[-1]

    yield start
    for site in sites:
        site.stop()


class Browser:
    """A signed-in (or anonymous) visitor over plain HTTP. The site's cookies are `Secure` in production, which
    `requests` would keep back over http://, so this sends them itself."""

    def __init__(self, base_url, *, session_key=None):
        self.base_url = base_url
        self.cookies = {"sessionid": session_key} if session_key else {}

    def request(self, method, path, *, data=None, timeout=30):
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        response = requests.request(method, self.base_url + path, data=data, headers=headers, timeout=timeout,
                                    allow_redirects=False)  # fmt: skip
        self.cookies |= {cookie.name: cookie.value for cookie in response.cookies}
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, page, action, data=None, **kwargs):
        """GET `page`, then POST `data` with its CSRF token to `action`: what a browser submitting a form does."""
        form_page = self.get(page, **kwargs)
        if form_page.status_code != 200:
            return form_page
        token = CSRF_FIELD.search(form_page.text).group(1)
        return self.request("POST", action, data={"csrfmiddlewaretoken": token, **(data or {})}, **kwargs)
