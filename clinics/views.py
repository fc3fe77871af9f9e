"""Clinic pages: the list, a clinic with its RSVP, and calendars."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from letsconnect import fragments
from letsconnect.templatetags.bidi import fallback_language
from participants.models import Participant
from skills.models import Skill

from . import calendars, lifecycle, listing, queries, services
from .forms import ClinicFilterForm, FeedbackForm, RegistrationForm
from .models import CalendarFeed, Clinic, Feedback, Registration, Topic
from .signals import clinic_page_sections

PAST_PAGE_SIZE = 20


def clinic_list(request):
    """Upcoming and past clinics, filtered; the URL holds the filters.

    The filters and the lists are the same for everyone, so they are kept rendered (in Redis) until a clinic,
    topic or skill changes, or the first clinic of the list starts (then it moves to the past clinics). They are
    kept under the checked filters only; a page with an invalid filter is rendered and not kept."""
    version = fragments.data_version(listing.DATA)
    topics, skills, languages = fragments.kept_value(
        "clinic-filter-choices", version=version, compute=_filter_choices, timeout=listing.KEPT_SECONDS
    )
    page = fragments.page_number(request.GET.get("page"))
    query = fragments.checked_query(
        ClinicFilterForm(request.GET, topics=topics, skills=skills, languages=languages), page=page
    )
    shown = {}
    participant = _participant(request)
    time_zone = participant.time_zone if participant else ""

    def render_clinics():
        form = ClinicFilterForm(
            request.GET if query is None else query, topics=topics, skills=skills, languages=languages
        )
        form.is_valid()
        filters = {name: value for name, value in form.cleaned_data.items() if value}
        clinics = Clinic.objects.visible().select_related("topic")
        if "topic" in filters:
            clinics = clinics.filter(topic__slug=filters["topic"])
        if "skill" in filters:
            clinics = clinics.filter(skills__slug=filters["skill"])
        if "language" in filters:
            clinics = clinics.filter(language=filters["language"])
        if "kind" in filters:
            clinics = clinics.filter(kind=filters["kind"])
        if "month" in filters:
            year, month = (int(part) for part in filters["month"].split("-"))
            clinics = clinics.filter(start__year=year, start__month=month)
        upcoming = list(clinics.upcoming())
        shown["next_start"] = upcoming[0].start if upcoming else None
        past = Paginator(clinics.past(), PAST_PAGE_SIZE).get_page(page)
        shown["page"] = past.number
        context = {
            "form": form,
            "upcoming": upcoming,
            "past": past,
            "query": request.GET if query is None else query,
            "time_zone": time_zone,
        }
        return render_to_string("clinics/_list_body.html", context, request=request)

    def kept_for():
        """Until the first upcoming clinic starts, and no longer than listing.KEPT_SECONDS; not at all when the
        page asked for does not exist (past the last: the last is shown), so that its number makes no entry."""
        if shown["page"] != page:
            return 0
        if shown["next_start"] is None:
            return listing.KEPT_SECONDS
        return min(int((shown["next_start"] - timezone.now()).total_seconds()), listing.KEPT_SECONDS)

    body = fragments.rendered(
        "clinics",
        version=None if query is None else version,
        # Times are shown in the person's own zone: one kept copy per zone (the language is in the key already).
        parts=[*sorted(query.lists()), ("time_zone", time_zone)] if query is not None else None,
        render=render_clinics,
        timeout=kept_for,
    )
    feed = CalendarFeed.objects.filter(participant=participant).first() if participant else None
    return render(request, "clinics/list.html", {"body": body, "participant": participant, "feed": feed})


def _filter_choices():
    """The topics and skills of the filters, as (slug, name) in the current language, and the language of each
    name shown in a fallback language (`{slug: {"lang", "dir"}}`), for its option."""
    topics, skills = Topic.objects.all(), Skill.objects.all()
    return (
        [(topic.slug, topic.name) for topic in topics],
        [(skill.slug, skill.name) for skill in skills],
        {
            "topic": {topic.slug: found for topic in topics if (found := fallback_language(topic, "name"))},
            "skill": {skill.slug: found for skill in skills if (found := fallback_language(skill, "name"))},
        },
    )


def _participant(request):
    if not request.user.is_authenticated:
        return None
    return Participant.objects.filter(user=request.user).first()


def clinic_detail(request, slug):
    clinic = get_object_or_404(Clinic.objects.visible().select_related("topic", "region"), slug=slug)
    return _render_detail(request, clinic)


def _render_detail(request, clinic, *, feedback_form=None, status=200):
    participant = _participant(request)
    registration = Registration.objects.filter(clinic=clinic, participant=participant).first() if participant else None
    sharers = list(clinic.sharers.select_related("participant__user"))
    offer = lifecycle.page_offer(
        clinic=clinic,
        user=request.user,
        participant=participant,
        registration=registration,
        is_sharer=participant is not None and any(sharer.participant_id == participant.pk for sharer in sharers),
    )
    if feedback_form is None and services.can_give_feedback(clinic=clinic, participant=participant):
        feedback_form = FeedbackForm(instance=Feedback.objects.filter(clinic=clinic, participant=participant).first())
    counts = queries.registration_counts(clinic) if offer.places_left or offer.manage else {}
    context = {
        "clinic": clinic,
        "participant": participant,
        "registration": registration,
        "offer": offer,
        "form": RegistrationForm(clinic=clinic),
        "sharers": sharers,
        "materials": list(clinic.materials.all()),
        "feedback_form": feedback_form,
        "sections": [
            section for _receiver, section in clinic_page_sections.send(sender=Clinic, clinic=clinic) if section
        ],
        "duration_minutes": int(clinic.duration.total_seconds() // 60),
        "interpretation_into": queries.interpretation_into(clinic.interpretation_languages),
        "reminder_lead_times": queries.reminder_lead_times(),
        "time_zone": participant.time_zone if participant else "",
        "counts": counts,
        "places_left": None
        if clinic.capacity is None
        else max(clinic.capacity - counts.get(Registration.Status.REGISTERED, 0), 0),
    }
    return render(request, "clinics/detail.html", context, status=status)


@login_required
@require_POST
def rsvp(request, slug):
    clinic = get_object_or_404(Clinic.objects.visible(), slug=slug)
    participant = Participant.objects.filter(user=request.user).first()
    if participant is None:
        return redirect("participants:setup")
    form = RegistrationForm(request.POST, clinic=clinic)
    try:
        if not form.is_valid():
            raise ValidationError(_("Interpretation into this language is not offered."))
        registration = services.register(
            participant=participant,
            clinic=clinic,
            interpretation_language=form.cleaned_data["interpretation_language"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == Registration.Status.WAITLISTED:
            messages.warning(
                request, _("The clinic is full: you are on the waitlist. We will email you if a place frees up.")
            )
        else:
            messages.success(request, _("You are registered. A confirmation is on its way by email."))
    return redirect(clinic)


@login_required
@require_POST
def cancel_rsvp(request, slug):
    clinic = get_object_or_404(Clinic.objects.visible(), slug=slug)
    registration = get_object_or_404(Registration, clinic=clinic, participant__user=request.user)
    services.cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(clinic)


@login_required
@require_POST
def give_feedback(request, slug):
    clinic = get_object_or_404(Clinic.objects.visible(), slug=slug)
    participant = get_object_or_404(Participant, user=request.user)
    if not services.can_give_feedback(clinic=clinic, participant=participant):
        messages.error(request, _("Feedback is open to the people who attended, once the clinic has started."))
        return redirect(clinic)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.give_feedback(clinic=clinic, participant=participant, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your feedback helps the liaisons plan the next clinics."))
        return redirect(clinic.get_absolute_url() + "#feedback")
    # The clinic's page again, with the errors beside what was typed.
    return _render_detail(request, clinic, feedback_form=form, status=400)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def clinic_ics(request, slug):
    clinic = get_object_or_404(Clinic.objects.visible(), slug=slug)
    return _ics_response(calendars.calendar([clinic], name=clinic.title), f"{clinic.slug}.ics")


def public_feed(request):
    clinics = list(Clinic.objects.visible().filter(start__gte=timezone.now() - timedelta(days=30)).order_by("start"))
    return _ics_response(calendars.calendar(clinics, name=_("Learning Clinics")), "learning-clinics.ics")


def personal_feed(request, token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("participant"), token=token)
    clinics = list(
        Clinic.objects.visible()
        .filter(registrations__participant=feed.participant, registrations__status=Registration.Status.REGISTERED)
        .order_by("start")
    )
    name = _("My Learning Clinics")
    return _ics_response(
        calendars.calendar(clinics, name=name, language=feed.participant.email_language), "my-clinics.ics"
    )


@login_required
@require_POST
def reset_personal_feed(request):
    """Create the private calendar address, or replace it (the old one stops working)."""
    participant = get_object_or_404(Participant, user=request.user)
    CalendarFeed.objects.filter(participant=participant).delete()
    CalendarFeed.objects.create(participant=participant)
    messages.success(request, _("Your private calendar address is ready. Any older address no longer works."))
    return redirect("clinics:list")
