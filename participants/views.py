"""Pages of a participant: registration step 2, public profile, editing, preferences, data export, deletion."""

import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView, UpdateView

from . import services
from .forms import HomeWikiFormSet, PreferencesForm, ProfileForm, SpokenLanguageFormSet
from .models import Participant
from .signals import preferences_sections, profile_sections


def _profile_forms(request, participant):
    consent_needed = participant.privacy_version != settings.PRIVACY_STATEMENT_VERSION
    data = request.POST if request.method == "POST" else None
    return (
        ProfileForm(data, instance=participant, consent_needed=consent_needed),
        SpokenLanguageFormSet(data, instance=participant, prefix="languages"),
        HomeWikiFormSet(data, instance=participant, prefix="wikis"),
    )


def _edit_profile(request, participant, *, template_name, success_message):
    profile_form, language_formset, home_wiki_formset = _profile_forms(request, participant)
    if request.method == "POST" and all(
        form.is_valid() for form in (profile_form, language_formset, home_wiki_formset)
    ):
        participant = services.save_profile(
            profile_form=profile_form,
            language_formset=language_formset,
            home_wiki_formset=home_wiki_formset,
            consented="consent" in profile_form.cleaned_data,
        )
        messages.success(request, success_message)
        return redirect(participant)
    context = {
        "form": profile_form,
        "language_formset": language_formset,
        "home_wiki_formset": home_wiki_formset,
        "participant": participant,
        "has_errors": request.method == "POST",
    }
    return render(request, template_name, context, status=400 if request.method == "POST" else 200)


@login_required
def profile_setup(request):
    """Step 2 of registration: the profile, on one screen."""
    if Participant.objects.filter(user=request.user).exists():
        return redirect("participants:edit")
    participant = Participant(
        user=request.user,
        display_name=request.user.get_full_name() or request.user.username,
        wikimedia_username=services.verified_wikimedia_username(request.user),
    )
    return _edit_profile(
        request,
        participant,
        template_name="participants/setup.html",
        success_message=_("Welcome to Let's Connect! Your profile is saved."),
    )


@login_required
def profile_edit(request):
    participant = Participant.objects.filter(user=request.user).first()
    if participant is None:
        return redirect("participants:setup")
    return _edit_profile(
        request, participant, template_name="participants/edit.html", success_message=_("Your profile is saved.")
    )


class ProfileDetailView(DetailView):
    """The public profile: public fields only; a profile outside the directory is its owner's and staff's."""

    template_name = "participants/profile.html"
    context_object_name = "participant"

    def get_object(self, queryset=None):
        queryset = Participant.objects.visible_to(self.request.user).select_related("user", "country__region")
        participant = get_object_or_404(queryset, user__username=self.kwargs["username"])
        # The affiliates show only with an affiliation to an affiliate, shown: read them only then.
        shows_affiliates = participant.show_affiliation and participant.affiliation == Participant.Affiliation.AFFILIATE
        prefetch_related_objects(
            [participant], "languages", "home_wikis", *(["affiliates"] if shows_affiliates else [])
        )
        return participant

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.object
        context["is_owner"] = participant.user_id == self.request.user.pk
        context["sections"] = [
            section
            for _receiver, section in profile_sections.send(
                sender=Participant, participant=participant, viewer=self.request.user
            )
            if section
        ]
        if context["is_owner"]:
            context["missing"] = participant.missing_optional_fields()
        return context


class PreferencesView(LoginRequiredMixin, UpdateView):
    form_class = PreferencesForm
    template_name = "participants/preferences.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Participant, user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = [
            section
            for _receiver, section in preferences_sections.send(
                sender=Participant, participant=self.object, user=self.request.user
            )
            if section
        ]
        return context

    def form_valid(self, form):
        self.object = services.save_preferences(form=form)
        messages.success(self.request, _("Your settings are saved."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("participants:preferences")


@login_required
@never_cache  # the file holds the person's email and private answers: no browser or proxy may keep a copy
def download_my_data(request):
    participant = get_object_or_404(Participant, user=request.user)
    data = services.export_personal_data(participant=participant)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="letsconnect-{request.user.username}.json"'
    return response


@method_decorator(reauthentication_required, name="post")
class DeleteAccountView(LoginRequiredMixin, TemplateView):
    """Deleting the account; allauth asks for the password (or a new Wikimedia sign-in) unless it was recent."""

    template_name = "participants/delete.html"

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that you want to delete your account."))
            return self.render_to_response(self.get_context_data(), status=400)
        services.erase_account(user=request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")


class PrivacyStatementView(TemplateView):
    template_name = "participants/privacy.html"
    extra_context = {"version": settings.PRIVACY_STATEMENT_VERSION}
