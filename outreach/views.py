"""Pages of the outreach app: an ambassador's invitation link, and the one-click unsubscribe."""

from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .emails import read_unsubscribe_token
from .models import Ambassador

INVITATION_SESSION_KEY = "outreach_invitation"


def join(request, code):
    """An ambassador's invitation: remember who invited the visitor, then on to sign-up."""
    ambassador = get_object_or_404(Ambassador.objects.select_related("participant"), code=code, active=True)
    request.session[INVITATION_SESSION_KEY] = ambassador.code
    if request.user.is_authenticated:
        return redirect("home")
    messages.info(request, _("%(name)s invited you to Let’s Connect.") % {"name": ambassador.participant.display_name})
    return redirect("account_signup")


# Mail clients post the one-click unsubscribe (RFC 8058) without any cookie: the signed token is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST unsubscribes at once."""
    try:
        _participant_id, digest = read_unsubscribe_token(token)
    except signing.BadSignature as error:
        raise Http404 from error
    if request.method == "POST":
        participant = services.unsubscribe(token=token)
        if participant is None:
            raise Http404
        return render(request, "outreach/unsubscribed.html", {"digest": digest})
    return render(request, "outreach/unsubscribe.html", {"digest": digest})
