"""The home page."""

from django.views.generic import TemplateView

from clinics.models import Clinic
from participants.models import Participant
from skills import suggestions
from skills.models import SkillCategory

HOME_UPCOMING_CLINICS = 4


class HomeView(TemplateView):
    template_name = "home/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming_clinics"] = Clinic.objects.upcoming().select_related("topic")[:HOME_UPCOMING_CLINICS]
        context["skill_categories"] = SkillCategory.objects.prefetch_related("skills")
        participant = (
            Participant.objects.filter(user=self.request.user).select_related("country").first()
            if self.request.user.is_authenticated
            else None
        )
        context["time_zone"] = participant.time_zone if participant else ""
        if participant is not None:
            context["suggested_sharers"], context["suggested_learners"] = suggestions.for_home(participant)
        return context
