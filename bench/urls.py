"""The site's URLs plus /bench/trivial: a page that does nothing, behind the same middleware, the ceiling that
bench/load.py compares each page's throughput with. Never in the production URLs."""

from django.http import HttpResponse
from django.urls import path

from letsconnect.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial, name="bench_trivial"), *site_urlpatterns]
