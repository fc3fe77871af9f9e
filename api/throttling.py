"""Request limits: per client address for anonymous requests, per token for the others, and one for CapX.

They count in Django's cache: Redis, or each process's own memory while Redis cannot be reached
(letsconnect/cache.py), so a Redis outage neither stops the API nor lifts its limits."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from rest_framework.throttling import SimpleRateThrottle


def client_address(request):
    """The client's address as the site's sign-in limits see it (ALLAUTH_TRUSTED_PROXY_COUNT and its header).
    Requests whose address cannot be told share one count."""
    try:
        return get_adapter().get_client_ip(getattr(request, "_request", request))
    except PermissionDenied:
        return "unknown"


class AddressThrottle(SimpleRateThrottle):
    """Anonymous requests, per client address."""

    scope = "address"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class TokenThrottle(SimpleRateThrottle):
    """Requests with a personal access token, per token."""

    scope = "token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class CapxThrottle(SimpleRateThrottle):
    """The CapX enrolment endpoint, per client address (CapX posts from its own servers)."""

    scope = "capx"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
