"""A Wikimedia sign-in address without configured credentials is a page that does not exist, not an error."""

from allauth.socialaccount.models import SocialApp
from django.http import Http404


class MissingSocialAppMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SocialApp.DoesNotExist):
            raise Http404("This sign-in provider is not configured.") from exception
        return None
