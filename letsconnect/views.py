"""Site-wide views: the home page and the health check."""

from django.db import connection
from django.http import JsonResponse
from django.views.generic import TemplateView

from clinics.models import Clinic
from participants.models import Participant
from skills import suggestions
from skills.models import SkillCategory

from .celery import app as celery_app

HOME_UPCOMING_CLINICS = 4


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming_clinics"] = Clinic.objects.upcoming().select_related("topic")[:HOME_UPCOMING_CLINICS]
        context["skill_categories"] = SkillCategory.objects.prefetch_related("skills")
        participant = (
            Participant.objects.filter(user=self.request.user).select_related("country").first()
            if self.request.user.is_authenticated
            else None
        )
        if participant is not None:
            context["suggested_sharers"] = suggestions.sharers_for(participant)
            context["suggested_learners"] = suggestions.learners_for(participant)
        return context


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok():
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def healthz(request):
    """For load balancers and orchestrators: 200 when the database and the broker answer, 503 otherwise."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    status = 200 if all(checks.values()) else 503
    body = {name: "ok" if ok else "down" for name, ok in checks.items()}
    return JsonResponse(body, status=status)
