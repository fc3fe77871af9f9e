"""Middleware of the project's own."""

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
