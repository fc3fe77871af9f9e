"""Pages of the site (under the language prefix) where people create and revoke their personal access tokens."""

from django.urls import path

from .views import tokens

app_name = "api_tokens"

urlpatterns = [
    path("profile/api-tokens/new/", tokens.create_token, name="create"),
    path("profile/api-tokens/<int:pk>/revoke/", tokens.revoke_token, name="revoke"),
]
