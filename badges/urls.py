"""Badge and certificate pages (under the language prefix)."""

from .certificate_urls import certificate_patterns

app_name = "badges"

urlpatterns = [*certificate_patterns]
