"""Certificate pages: kept apart from the badge pages so that each part has one home."""

from django.urls import path

from . import certificate_views

certificate_patterns = [
    path("profile/certificates/", certificate_views.my_certificates, name="my_certificates"),
    path("certificates/<uuid:uuid>/", certificate_views.certificate_detail, name="certificate"),
    path("certificates/<uuid:uuid>.pdf", certificate_views.certificate_pdf, name="certificate_pdf"),
]
