"""What every API view shares: the language of names from `Accept-Language`, and conditional reads."""

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework import generics

from ..conditional import ConditionalReadMixin


def accepted_language(request):
    """The shipped language the `Accept-Language` header prefers; English when it names none of them.

    The API reads no cookie: a program asking gets the language it says it accepts, whatever a browser chose."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class LanguageMixin:
    def initial(self, request, *args, **kwargs):
        language = accepted_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)


class ReadView(LanguageMixin, ConditionalReadMixin, generics.GenericAPIView):
    """The base of the API's read views."""


class ListView(ReadView, generics.ListAPIView):
    pass


class DetailView(ReadView, generics.RetrieveAPIView):
    lookup_field = "slug"
