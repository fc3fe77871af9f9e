"""`ETag` and `Last-Modified` on every read of the API, and the `304 Not Modified` they allow.

The ETag is a hash of the body as sent (so it changes whenever anything in it does, in the language it is in).
`Last-Modified` is when this server first sent that exact body for the address: kept in the cache beside the
ETag, it only moves when the body changes. A client that sends `If-None-Match` or `If-Modified-Since` with what
it holds gets a 304 without the body."""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

KEPT_SECONDS = 7 * 24 * 60 * 60


def _first_seen(request, etag):
    """When the body with `etag` was first sent for this address (and caller, and language)."""
    identity = f"{request.get_full_path()}|{get_language()}|{getattr(request.auth, 'pk', '')}"
    key = f"api:last-modified:{hashlib.sha256(identity.encode()).hexdigest()}"
    known = cache.get(key)
    if known is not None and known[0] == etag:
        return known[1]
    now = int(timezone.now().timestamp())
    cache.set(key, (etag, now), KEPT_SECONDS)
    return now


class ConditionalReadMixin:
    """For API views: validators on successful reads; 304 when the client already holds the body."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language", "Authorization"])
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        last_modified = _first_seen(request, etag)
        response["Last-Modified"] = http_date(last_modified)
        if request.auth is not None:
            response["Cache-Control"] = "private, no-cache"
        else:
            response["Cache-Control"] = "public, max-age=60"
        return get_conditional_response(request._request, etag=etag, last_modified=last_modified, response=response)
