"""Pages that connect participants: messages, reports, mentorship requests and the mentorship dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participants.models import Participant

from . import mentorships, messaging
from .forms import EndMentorshipForm, MentorshipRequestForm, MessageForm
from .models import Mentorship, Message


def _me(request):
    return get_object_or_404(Participant, user=request.user)


def _listed(username):
    return get_object_or_404(Participant.objects.listed().select_related("user"), user__username=username)


@login_required
def message_participant(request, username):
    recipient = _listed(username)
    sender = _me(request)
    form = MessageForm(request.POST or None)
    status = 200
    if not messaging.can_receive_messages(recipient):
        return render(request, "skills/message_closed.html", {"recipient": recipient})
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                messaging.send_message(sender=sender, recipient=recipient, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your message is on its way."))
                return redirect(recipient)
    return render(request, "skills/message_form.html", {"form": form, "recipient": recipient}, status=status)


def report_message(request, token):
    """Reached from the link in a message's email; the token in the address is the permission."""
    message = get_object_or_404(Message.objects.select_related("sender"), token=token)
    if request.method == "POST":
        messaging.report_message(message=message)
        return render(request, "skills/message_reported.html", {"message": message})
    return render(request, "skills/message_report.html", {"message": message})


@login_required
def request_mentorship(request, username):
    mentor = _listed(username)
    mentee = _me(request)
    if not messaging.can_receive_messages(mentor):
        return render(request, "skills/message_closed.html", {"recipient": mentor})
    form = MentorshipRequestForm(request.POST or None, mentor=mentor, initial={"skill": request.GET.get("skill")})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                mentorship = mentorships.request_mentorship(mentee=mentee, mentor=mentor, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your request is sent. You will get an email when they answer."))
                return redirect(mentorship)
    context = {"form": form, "mentor": mentor, "has_room": mentorships.mentor_has_room(mentor)}
    return render(request, "skills/mentorship_request.html", context, status=status)


@login_required
def mentorship_list(request):
    me = _me(request)
    rows = Mentorship.objects.involving(me).select_related("mentor__user", "mentee__user", "skill")
    return render(request, "skills/mentorship_list.html", {"me": me, "mentorships": list(rows)})


@login_required
def mentorship_detail(request, pk):
    me = _me(request)
    mentorship = get_object_or_404(
        Mentorship.objects.involving(me).select_related("mentor__user", "mentee__user", "skill"), pk=pk
    )
    context = {"me": me, "mentorship": mentorship, "end_form": EndMentorshipForm()}
    return render(request, "skills/mentorship_detail.html", context)


@login_required
@require_POST
def mentorship_action(request, pk, action):
    if action not in ("accept", "decline", "end"):
        raise Http404
    me = _me(request)
    mentorship = get_object_or_404(Mentorship.objects.involving(me), pk=pk)
    try:
        if action in ("accept", "decline"):
            mentorships.answer(mentorship=mentorship, participant=me, accept=action == "accept")
        else:
            form = EndMentorshipForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Say how the mentorship ended."), code="outcome")
            mentorships.end(
                mentorship=mentorship,
                participant=me,
                completed=form.cleaned_data["outcome"] == "completed",
                feedback=form.cleaned_data["feedback"],
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done. The other person gets an email."))
    return redirect("skills:mentorship", pk=pk)
