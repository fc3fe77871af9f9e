"""Parts of pages kept rendered in the cache (Redis) and shared by every visitor, so only what shows the same to
everyone: never anything that depends on who is signed in, never private data.

A fragment's key holds the language, the time zone and a version of the data it shows, given by the caller and
replaced when that data changes; an entry also expires after `timeout` seconds. The cache is a shortcut: when Redis
fails, the fragment is rendered as if it had never been kept.

A fragment that depends on the query string is kept under its *checked* parameters only (`checked_query`): a
parameter the page does not know, or a value that is not valid, would otherwise let anyone add an entry per request.
"""

import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from redis import RedisError

logger = logging.getLogger(__name__)


def _safely(method, *args):
    try:
        return method(*args)
    except RedisError:
        logger.warning("The cache of rendered fragments is unavailable", exc_info=True)
        return None


def rendered(name, *, version, parts, render, timeout):
    """The HTML `render()` makes, from the cache when the same `name`, `version` and `parts` (and language and time
    zone) were rendered before. `version` None (the data's version is unknown) renders without the cache.
    `timeout`: seconds to keep it, or a function called after `render()` that says how long (0: not kept)."""
    if version is None:
        return mark_safe(render())  # noqa: S308 -- our own template's output, escaped as it rendered
    identity = repr((version, get_language(), timezone.get_current_timezone_name(), parts))
    key = f"fragment:{name}:{hashlib.sha256(identity.encode()).hexdigest()}"
    html = _safely(cache.get, key)
    if html is None:
        html = render()
        seconds = timeout() if callable(timeout) else timeout
        if seconds > 0:
            _safely(cache.set, key, html, seconds)
    return mark_safe(html)  # noqa: S308 -- our own template's output, escaped as it rendered


def data_version(name):
    """The current version of the data called `name` (a random string kept in the cache); None when Redis fails."""
    key = f"fragment-version:{name}"
    try:
        version = cache.get(key)
        if version is None:
            cache.add(key, uuid.uuid4().hex, None)
            version = cache.get(key)
    except RedisError:
        logger.warning("The cache of rendered fragments is unavailable", exc_info=True)
        return None
    return version


def replace_version(name):
    """The data called `name` changed: what was rendered from it is not used again. Now, and again after the
    commit, since a page rendered meanwhile from the data before may have been kept under the new version."""
    key = f"fragment-version:{name}"
    _safely(cache.set, key, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: _safely(cache.set, key, uuid.uuid4().hex, None))


def kept_value(name, *, version, compute, timeout):
    """What `compute()` returns for the data of `version` in the current language, kept like a fragment: e.g. the
    choices a query string is checked against, so that checking it costs no query. `version` None: not kept."""
    if version is None:
        return compute()
    key = f"fragment-value:{name}:{get_language()}:{version}"
    found = _safely(cache.get, key)
    if found is None:
        found = compute()
        _safely(cache.set, key, found, timeout)
    return found


def checked_query(form, *, page):
    """The query string of a page whose fragment is kept: the fields of `form` (bound to the request's query) that
    hold a valid value, in the form's order, and the page number from 2 on. Every other parameter is left out, so
    `?junk1=`, `?junk2=`… all make the same page and the same key. None when a value is invalid: that page explains
    the error and is rendered, never kept."""
    if not form.is_valid():
        return None
    query = QueryDict(mutable=True)
    for name in form.fields:
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        query.setlist(name, [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)])
    if page > 1:
        query["page"] = str(page)
    return query


def page_number(value):
    """A page number from the query string: a whole number from 1, the first page for anything else."""
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1
