"""Open Badges URLs: outside the language prefix, so that they never change."""

from django.urls import path

from . import api_views

app_name = "badges_api"

urlpatterns = [
    path("badges/issuer.json", api_views.issuer, name="issuer"),
    path("badges/classes/<slug:slug>.json", api_views.badge_class, name="badge_class"),
    path("badges/classes/<slug:slug>.png", api_views.badge_image, name="badge_image"),
    path("badges/assertions/<uuid:uuid>.json", api_views.assertion, name="assertion"),
    path("badges/assertions/<uuid:uuid>.png", api_views.baked, name="baked"),
    path("badges/assertions/<uuid:uuid>.jwt", api_views.credential, name="credential"),
    path("badges/issuer/jwks.json", api_views.jwks, name="jwks"),
]
