"""Parts of pages kept rendered in the cache (Redis) and shared by every visitor, so only what shows the same to
everyone: never anything that depends on who is signed in, never private data.

A fragment's key holds the language, the time zone and a version of the data it shows, given by the caller and
replaced when that data changes; an entry also expires after `timeout` seconds. The cache is a shortcut: when Redis
fails, the fragment is rendered as if it had never been kept.
"""

import hashlib
import logging

from django.core.cache import cache
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
    zone) were rendered before. `version` None (the data's version is unknown) renders without the cache."""
    if version is None:
        return mark_safe(render())  # noqa: S308 -- our own template's output, escaped as it rendered
    identity = repr((version, get_language(), timezone.get_current_timezone_name(), parts))
    key = f"fragment:{name}:{hashlib.sha256(identity.encode()).hexdigest()}"
    html = _safely(cache.get, key)
    if html is None:
        html = render()
        _safely(cache.set, key, html, timeout)
    return mark_safe(html)  # noqa: S308 -- our own template's output, escaped as it rendered
