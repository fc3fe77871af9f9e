"""Names the OpenAPI schema gives to choice sets used in several places."""

from django.conf import settings

# The site's languages: of a clinic, its interpretation, its materials, a participant's emails.
LANGUAGE_CHOICES = settings.LANGUAGES
