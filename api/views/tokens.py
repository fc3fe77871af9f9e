"""The settings page's personal access tokens: create one (its secret shown once, on this page) or revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from participants.models import Participant

from .. import services
from ..forms import TokenForm


@never_cache
@login_required
@require_POST
def create_token(request):
    get_object_or_404(Participant, user=request.user)
    form = TokenForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("name", []):
            messages.error(request, error)
        return redirect("participants:preferences")
    try:
        token, secret = services.create_token(user=request.user, name=form.cleaned_data["name"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("participants:preferences")
    return render(request, "api/token_created.html", {"token": token, "secret": secret})


@login_required
@require_POST
def revoke_token(request, pk):
    get_object_or_404(Participant, user=request.user)
    if not services.revoke_token(user=request.user, token_id=pk):
        messages.error(request, _("There is no such token: it may be revoked already."))
    else:
        messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("participants:preferences")
