"""Badge and certificate pages (under the language prefix)."""

from django.urls import path

from . import verify_views, views
from .certificate_urls import certificate_patterns

app_name = "badges"

urlpatterns = [
    path("badges/", views.badge_list, name="list"),
    path("badges/awards/<uuid:uuid>/", views.award_detail, name="award"),
    path("badges/verify/", verify_views.verify, name="verify"),
    path("badges/<slug:slug>/", views.badge_detail, name="badge"),
    *certificate_patterns,
]
