"""Personal access tokens on the API: `Authorization: Bearer <token>`, looked up by the token's SHA-256."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import AccessToken, token_digest

# "Last used" is written at most this often, so that a busy token does not write on every request.
LAST_USED_PRECISION = timedelta(hours=1)


class AccessTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != self.keyword.lower():
            return None
        secret = secret.strip()
        token = (
            AccessToken.objects.select_related("user").filter(digest=token_digest(secret)).first() if secret else None
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This access token is not valid (revoked, or mistyped)."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class AccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = AccessTokenAuthentication
    name = "personalAccessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token, created on your settings page (Privacy and emails).",
        }
