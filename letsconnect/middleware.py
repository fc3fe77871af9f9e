"""Middleware of the project's own."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import views


class HealthCheckMiddleware:
    """Answer /healthz before host validation and HTTPS redirects.

    Load balancers and orchestrators probe by IP address over plain HTTP; they must not get a
    400 for an unknown host or a redirect to HTTPS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return views.healthz(request)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header built from settings.PERMISSIONS_POLICY (feature: allowed origins).

    An empty list refuses the feature to the page and to every frame in it: `camera=()`.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class NullCharacterMiddleware:
    """Answer 400, in the visitor's language, to an address whose path or query string holds a NUL character.

    No address of the site has one, and PostgreSQL cannot compare text with it: a NUL in a username, a search or
    a filter would otherwise reach a query and fail there. Forms check what is posted (Django's
    `ProhibitNullCharactersValidator`), field by field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            message = _("The address contains a null character, which is not allowed. Check the link and try again.")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
