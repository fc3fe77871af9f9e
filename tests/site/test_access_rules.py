"""Access rules as a table: every role against every view that shows or changes data; nobody reaches what is not
theirs, and nobody reads another person's email, gender or age. The table is in `access_table` (site) and
`access_admin` (admin), the world in `access_world`."""

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from . import access_world
from .access_admin import ADMIN_ROWS, admin_rows
from .access_table import ROWS
from .access_world import ROLES

# The apps whose URLs and admin pages the table must cover (URL namespaces; "" holds home, healthz, set_language).
OUR_NAMESPACES = {
    "participants", "skills", "clinics", "resources", "outreach", "badges", "badges_api", "impact", "api", "api_tokens",
}  # fmt: skip
OUR_ROOT_NAMES = {"home", "healthz", "set_language"}
OUR_APPS = {"participants", "skills", "clinics", "resources", "outreach", "badges", "impact", "api"}
# The accounts' own admin pages (allauth, auth) are in the table too: a liaison must not read them.
ACCOUNT_APPS = {"auth", "account", "socialaccount"}
# Django's own admin views per model that the table leaves out (it covers each list and change form); anything
# else under a model's prefix is a view of ours and needs a row.
UNCOVERED_ADMIN_VIEWS = ("_add", "_delete", "_history")

ALL_ROWS = (
    ROWS
    + ADMIN_ROWS
    + admin_rows([model for model in admin.site._registry if model._meta.app_label in OUR_APPS | ACCOUNT_APPS])
)
CASES = [(row, role) for row in ALL_ROWS for role in ROLES]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at the end; each test runs in a savepoint."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        translation.override("en"),
        transaction.atomic(),
    ):
        yield access_world.build()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def sessions(world):
    """One signed-in session per role, made once for the module: each test's fresh client only carries its cookie."""
    cookies = {}
    for role in ROLES:
        if (user := world.user(role)) is not None:
            client = Client()
            client.force_login(user)
            cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def _request(client, world, row, role, sessions):
    if role in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    path = row.url(world)
    # The API takes the role's personal access token (those who have one), never the session.
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[role]}"} if row.api and role in world.tokens else {}
    if row.method == "post" and row.api:
        data = json.dumps(row.data(world) if row.data else {})
        return client.post(path, data, content_type="application/json", **headers)
    if row.method == "post":
        return client.post(path, row.data(world) if row.data else {})
    if row.method == "delete":
        return client.delete(path, **headers)
    return client.get(path, **headers)


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize(("row", "role"), CASES, ids=[f"{row.id}[{role}]" for row, role in CASES])
def test_access_rule(db, client, world, sessions, row, role):
    expected = row.expect[role]

    response = _request(client, world, row, role, sessions)

    assert (response.status_code, role) == (expected.status, role), f"{row.id}: expected {expected}"
    if expected.to is not None:
        assert urlsplit(response["Location"]).path == expected.to(world)
    body = _body(response)
    leaks = {
        name: person.leaks_in(body) for name, person in world.people.items() if name != role and person.leaks_in(body)
    }
    if role in row.emails_shown_to:
        leaks = {name: [value for value in values if "@" not in value] for name, values in leaks.items()}
        leaks = {name: values for name, values in leaks.items() if values}
    assert leaks == {}
    if row.hidden:
        assert [text for text in row.hidden(world, role) if text in body] == []
    if row.shown and expected.status == 200:
        assert [text for text in row.shown(world, role) if text not in body] == []
    if row.effect:
        row.effect(world, role)


def _url_names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            yield from _url_names(entry.url_patterns, f"{namespace}:{inner}".strip(":") if inner else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def test_the_table_covers_every_url_of_our_apps():
    names = set(_url_names(get_resolver().url_patterns))
    ours = {name for name in names if name in OUR_ROOT_NAMES or name.split(":")[0] in OUR_NAMESPACES}
    admin_ours = {
        name
        for name in names
        if name.startswith("admin:")
        and name.split(":")[1].split("_")[0] in OUR_APPS
        and not name.endswith(UNCOVERED_ADMIN_VIEWS)
    }
    covered = {row.name for row in ALL_ROWS}

    assert sorted(ours - covered) == []
    assert sorted(admin_ours - covered) == []
    assert len(ours) > 50


def test_every_model_admin_of_our_apps_has_a_list_and_a_form_row():
    registered = {model._meta.label for model in admin.site._registry if model._meta.app_label in OUR_APPS}
    rows = {row.id for row in ALL_ROWS}

    missing = [label for label in sorted(registered) if {f"admin-{label}-list", f"admin-{label}-change"} - rows]

    assert missing == []
    assert "participants.Participant" in registered
