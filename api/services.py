"""Operations on personal access tokens: created (the secret shown once, only its hash kept) and revoked."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import AccessToken, token_digest

PREFIX = "lct_"
MOST_TOKENS = 20


@transaction.atomic
def create_token(*, user, name):
    """A new token for `user`: returns (the AccessToken, its secret). The secret is never stored or shown again."""
    if AccessToken.objects.select_for_update().filter(user=user).count() >= MOST_TOKENS:
        raise ValidationError(
            _("You have %(count)s tokens, the most one may have: revoke one first.") % {"count": MOST_TOKENS},
            code="too_many",
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(user=user, name=name, prefix=secret[:12], digest=token_digest(secret))
    return token, secret


def revoke_token(*, user, token_id):
    """Revoke one of `user`'s tokens at once. Returns whether there was one to revoke."""
    deleted, _rows = AccessToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0
