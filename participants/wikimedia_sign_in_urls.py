"""The Wikimedia OAuth 2 callback, outside the language prefix (registered once on Meta-Wiki)."""

from django.urls import path

from . import wikimedia_sign_in

urlpatterns = [
    path("accounts/mediawiki/login/callback/", wikimedia_sign_in.callback, name="mediawiki_callback"),
]
