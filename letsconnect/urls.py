"""URLs: every page under a language prefix (/en/, /es/, /ar/, ...); health check, language switch and the API
(/api/v1/) outside it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from . import views

handler500 = "letsconnect.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("badges.api_urls")),
    path("api/v1/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("participants.urls")),
    path("", include("skills.urls")),
    path("", include("clinics.urls")),
    path("", include("resources.urls")),
    path("", include("outreach.urls")),
    path("", include("badges.urls")),
    path("", include("activity.urls")),
    path("", include("impact.urls")),
    path("", include("api.site_urls")),
)
# After the prefixed patterns, so that reversing "mediawiki_callback" gives this address without a language prefix
# (Django reverses a name to the last pattern that has it): the one callback registered on Meta-Wiki.
urlpatterns += [path("", include("participants.wikimedia_sign_in_urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
