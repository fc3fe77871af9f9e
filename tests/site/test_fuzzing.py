"""Every form and query parameter of `fuzz_targets.TARGETS`, fuzzed: never a 500, nothing reflected unescaped,
no redirect off the site, nothing saved from a rejected form.

One test per target: a sweep that sends each hostile value of `SWEEP` in every field at once (the same every run),
then hypothesis's examples, which mix, field by field, values of the field's kind, its valid values and hostile ones.
Each example runs in a savepoint that is rolled back, with an empty cache (rate limits) and a fresh session.

Depth: `FUZZ_EXAMPLES` (default 8) examples per target and run; for a deeper run, e.g.
    FUZZ_EXAMPLES=500 .venv/bin/pytest tests/site/test_fuzzing.py
"""

import os
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz_targets import INVENTORIED, OUR_MODULES, TARGETS, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
MARKER = "<x-fuzz-7 onload=1>\"'"
RAW_MARKER = b"<x-fuzz-7"
PROPER = {200, 302, 400, 403, 404, 405, 429}
HUGE = 10**30

SQL = ["' OR 1=1 --", "%", "_", "\\", "'; DROP TABLE participants_user; --", '" OR ""="', "%_%", "\\'"]
HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    MARKER,
    f"Amani {MARKER}",
    *SQL,
    "\u202eevil\u200f",
    "𝕏🙂𐍈",
    "-1",
    "0",
    str(HUGE),
    str(-HUGE),
    "1e308",
    "NaN",
    "-inf",
    "2024-02-30",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "2024-13",
    "ZZ",
    "../../etc/passwd",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    "a" * 100_000,
]
# The sweep: the same hostile value in every field at once.
SWEEP = ["\x00", MARKER, "' OR 1=1 --%_\\", str(HUGE), "9999-12-31", "x" * 100_000]

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
long_text = st.tuples(text.filter(bool), st.integers(1_000, 100_000)).map(lambda pair: (pair[0] * pair[1])[:100_000])
numbers = st.one_of(
    st.integers(), st.integers(-(HUGE**3), HUGE**3), st.floats(allow_nan=True, allow_infinity=True)
).map(str)
dates = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.tuples(st.integers(-1, 99_999), st.integers(-1, 99), st.integers(-1, 99)).map(
        lambda parts: "{:04d}-{:02d}-{:02d}".format(*parts)
    ),
)
with_marker = text.map(lambda value: f"{value}{MARKER}{value}")

BY_KIND = {
    "text": text,
    "email": st.one_of(st.emails(), text.map(lambda value: f"{value}@example.org")),
    "password": text,
    "url": st.one_of(
        st.sampled_from(["https://example.org/a", "ftp://x", "http://[::1", "https://" + "a" * 3000]), text
    ),
    "slug": st.from_regex(r"\A[-a-zA-Z0-9_]{1,60}\Z"),
    "int": numbers,
    "bool": st.sampled_from(["on", "1", "true", "off", "0", "false"]),
    "choice": text,
    "date": dates,
    "month": st.one_of(st.from_regex(r"\A\d{4}-\d{2}\Z"), dates),
    "page": st.one_of(numbers, st.sampled_from(["last", "first", "1", "2", "99999999"])),
    "next": st.sampled_from(
        [
            "/en/people/",
            "/en/",
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
            "http:evil.example",
        ]
    ),
    "id": numbers,
    "uuid": st.uuids().map(str),
    "signed": text.map(lambda value: f"{value}:1abcde:{value}"),
}
FILE_NAMES = ["report.csv", "slides.pdf", f"{MARKER}.png", "a" * 300 + ".pdf", "\u202efdp.exe", "noextension", ".csv"]


def file_values():
    content = st.one_of(
        st.binary(max_size=2_000),
        text.map(str.encode),
        st.lists(st.lists(text, max_size=6).map(lambda row: ",".join(row)), max_size=20).map(
            lambda rows: (
                "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n" + "\n".join(rows)
            ).encode()
        ),
    )
    return st.builds(SimpleUploadedFile, name=st.sampled_from(FILE_NAMES), content=content)


def values_for(spec, world):
    """Values of the field's kind, its valid values, hostile values; one value or several (repeated keys)."""
    if spec.kind == "file":
        return file_values()
    choices = [BY_KIND[spec.kind], st.sampled_from(HOSTILE), with_marker]
    if spec.kind in ("text", "email", "password"):
        choices.append(long_text)
    valid = spec.valid_values(world)
    if valid:
        choices.insert(0, st.sampled_from(valid))
    one = st.one_of(*choices)
    return st.one_of(one, one, st.lists(one, min_size=2, max_size=3))


def payloads(target, world):
    """(path values, fields) for one request; any field may be missing."""
    path = st.fixed_dictionaries({name: single(values_for(spec, world)) for name, spec in target.path.items()})
    fields = st.fixed_dictionaries({}, optional={name: values_for(spec, world) for name, spec in target.fields.items()})
    return st.tuples(path, fields)


def single(strategy):
    return strategy.map(lambda value: value[0] if isinstance(value, list) else value).filter(
        lambda value: value != "" and "/" not in value
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at the end; each test runs in a savepoint, and
    each request of a test in a savepoint of its own (`send`)."""
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _client(target, world):
    client = Client()
    user = {"participant": world.me.user, "newcomer": world.newcomer, "staff": world.staff}.get(target.user)
    if user is not None:
        client.force_login(user)
    return client


def _counts(target):
    return {label: apps.get_model(label)._default_manager.count() for label in target.tables}


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _check_page(response, what):
    assert response.status_code in PROPER, f"{what}: status {response.status_code}"
    if response.get("Content-Type", "").startswith("text/html"):
        assert RAW_MARKER not in _body(response), f"{what}: the HTML marker is in the page unescaped"


def send(target, world, path_values, fields):
    """One request in a savepoint that is rolled back; checks the answer, the redirect and the rows."""
    what = f"{target.id} {path_values} {_short(fields)}"
    with transaction.atomic():
        cache.clear()
        client = _client(target, world)
        url = target.build_url(world, **path_values)
        before = _counts(target)
        data = {**fields, **target.fixed}
        response = client.get(url, data) if target.method == "GET" else client.post(url, data)
        _check_page(response, what)
        if target.tables and response.status_code in target.rejected and target.method == "POST":
            assert _counts(target) == before, f"{what}: rows were saved by a rejected form"
        if response.status_code == 302:
            location = response["Location"]
            # Only the part before the query names the host (Django calls any URL past 2,048 characters unsafe).
            assert url_has_allowed_host_and_scheme(location.partition("?")[0], allowed_hosts={"testserver"}), (
                f"{what}: redirects off the site to {location!r}"
            )
            if target.method == "POST" and not urlsplit(location).netloc:
                _check_page(client.get(location), f"{what}, then {location}")
        transaction.set_rollback(True)


def _short(fields):
    return {name: (value[:60] + "…" if isinstance(value, str) and len(value) > 60 else value)
            for name, value in fields.items()}  # fmt: skip


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.id)
def test_fuzzed_values_in_every_field_are_answered_properly(target, world):
    """First the sweep (every hostile value of SWEEP in every field at once), then hypothesis's examples."""
    failures = []
    for hostile in SWEEP:
        fields = {name: hostile for name, spec in target.fields.items() if spec.kind != "file"}
        fields |= {name: SimpleUploadedFile(hostile[:100] or "x", hostile.encode())
                   for name, spec in target.fields.items() if spec.kind == "file"}  # fmt: skip
        path_values = dict.fromkeys(target.path, hostile[:200])
        try:
            send(target, world, path_values, fields)
        except Exception as error:  # every hostile value is tried; all failures are reported
            failures.append(f"{hostile[:20]!r}: {type(error).__name__}: {str(error)[:300]}")
    assert failures == []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(payload=payloads(target, world))
    def run(payload):
        path_values, fields = payload
        send(target, world, path_values, fields)

    run()


def _patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            yield from _patterns(
                pattern.url_patterns, f"{namespace}:{inner}" if namespace and inner else inner or namespace
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, pattern.callback.__module__, str(pattern.pattern)


def test_every_url_of_our_apps_is_in_the_inventory():
    ours = {
        name or route
        for name, module, route in _patterns(get_resolver().url_patterns)
        if module.split(".")[0] in OUR_MODULES
    }

    assert ours - INVENTORIED == set()
