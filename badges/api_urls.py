"""Open Badges URLs: outside the language prefix, so that they never change."""

from django.urls import path

from . import api_views
from .ob3 import views as ob3

app_name = "badges_api"

urlpatterns = [
    # Open Badges 2.0 (hosted verification).
    path("badges/issuer.json", api_views.issuer, name="issuer"),
    path("badges/classes/<slug:slug>.json", api_views.badge_class, name="badge_class"),
    path("badges/classes/<slug:slug>.png", api_views.badge_image, name="badge_image"),
    path("badges/assertions/<uuid:uuid>.json", api_views.assertion, name="assertion"),
    path("badges/assertions/<uuid:uuid>.png", api_views.baked, name="baked"),
    # Open Badges 3.0 (signed credentials, status lists).
    path("badges/issuer/profile.json", ob3.profile, name="profile"),
    path("badges/issuer/jwks.json", ob3.jwks, name="jwks"),
    path("badges/issuer/keys/<slug:thumbprint>.json", ob3.key, name="key"),
    path("badges/assertions/<uuid:uuid>.jwt", ob3.credential, name="credential"),
    path("badges/assertions/<uuid:uuid>.ob3.png", ob3.baked_png, name="baked_ob3_png"),
    path("badges/assertions/<uuid:uuid>.ob3.svg", ob3.baked_svg, name="baked_ob3_svg"),
    path("badges/certificates/<uuid:uuid>.jwt", ob3.certificate_credential, name="certificate_credential"),
    path("badges/certificates/<slug:kind>.png", ob3.certificate_image, name="certificate_image"),
    path("badges/status/<slug:kind>/<int:number>.jwt", ob3.status_list, name="status_list"),
]
