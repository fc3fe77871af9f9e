"""Pages of the skills app: a participant's own skills."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from participants.models import Participant

from . import services
from .forms import ParticipantSkillsForm
from .models import ParticipantSkill, SkillCategory


@login_required
def my_skills(request):
    participant = Participant.objects.filter(user=request.user).first()
    if participant is None:
        return redirect("participants:setup")
    categories = SkillCategory.objects.prefetch_related("skills")
    current = {(row.skill_id, row.kind): row.level for row in ParticipantSkill.objects.filter(participant=participant)}
    form = ParticipantSkillsForm(
        request.POST if request.method == "POST" else None, categories=categories, current=current
    )
    if request.method == "POST" and form.is_valid():
        services.set_participant_skills(participant=participant, shares=form.shares(), learns=form.learns())
        messages.success(request, _("Your skills are saved."))
        return redirect(participant)
    status = 400 if request.method == "POST" else 200
    return render(request, "skills/my_skills.html", {"form": form, "participant": participant}, status=status)
