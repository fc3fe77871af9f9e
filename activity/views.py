"""The settings page of a participant's on-wiki activity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Participant

from . import queries, services
from .forms import ActivityForm
from .models import WikiAccount


@login_required
def settings_page(request):
    participant = get_object_or_404(Participant, user=request.user)
    account = WikiAccount.objects.filter(participant=participant).first()
    initial = {"share": account is not None, "shown_on_profile": bool(account and account.shown_on_profile)}
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(data, initial=initial, participant=participant)
    if request.method == "POST" and form.is_valid():
        services.save_choices(
            participant=participant,
            share=form.cleaned_data["share"],
            shown_on_profile=form.cleaned_data["shown_on_profile"],
        )
        if form.cleaned_data["share"]:
            messages.success(request, _("Your choice is saved. Your activity will be read in a few minutes."))
        else:
            messages.success(request, _("Your choice is saved. Nothing of your on-wiki activity is kept."))
        return redirect("activity:settings")
    context = {
        "form": form,
        "participant": participant,
        "account": account,
        "recent": queries.recent_edits(account=account, today=timezone.now().date()) if account else [],
    }
    return render(request, "activity/settings.html", context, status=400 if request.method == "POST" else 200)
