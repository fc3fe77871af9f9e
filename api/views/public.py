"""The anonymous reads: clinics, the skills taxonomy, listed participants, resources and the program's figures."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clinics.models import Clinic
from impact.caching import cached_report
from impact.forms import PeriodForm
from resources.models import Resource

from .. import queries
from ..serializers.clinics import ClinicSerializer
from ..serializers.impact import ImpactSerializer, PeriodQuerySerializer
from ..serializers.participants import PublicProfileSerializer
from ..serializers.resources import ResourceSerializer
from ..serializers.skills import SkillSerializer
from .base import DetailView, ListView, ReadView

LANGUAGE_CHOICES = [code for code, _name in settings.LANGUAGES]


def _filters(serializer_class, request):
    """The query's filters, checked (400 with the reasons when one is invalid); empty ones left out."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {name: value for name, value in serializer.validated_data.items() if value}


class ClinicFilters(serializers.Serializer):
    when = serializers.ChoiceField(
        choices=["upcoming", "past"], required=False, help_text="Upcoming (soonest first) or past (latest first)."
    )
    topic = serializers.SlugField(required=False, help_text="A topic's slug.")
    skill = serializers.SlugField(required=False, help_text="A skill's slug.")
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False, help_text="The session's language.")
    kind = serializers.ChoiceField(choices=Clinic.Kind.values, required=False)
    region = serializers.RegexField(r"^[A-Z]{2,8}$", required=False, help_text="A Wikimedia region code, e.g. SSA.")


class SkillFilters(serializers.Serializer):
    category = serializers.SlugField(required=False, help_text="A skill category's slug.")


class ParticipantFilters(serializers.Serializer):
    skill = serializers.SlugField(required=False, help_text="Shares or wants to learn this skill (its slug).")
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, help_text="ISO 3166 country code.")
    language = serializers.RegexField(r"^[a-z]{2,3}(-[a-z0-9]+)*$", required=False, help_text="Speaks it.")


class ResourceFilters(serializers.Serializer):
    skill = serializers.SlugField(required=False, help_text="A skill's slug.")
    kind = serializers.ChoiceField(choices=Resource.Kind.values, required=False)
    language = serializers.RegexField(r"^[a-z]{2,3}(-[a-z0-9]+)*$", required=False, help_text="The material's.")


@extend_schema(tags=["clinics"], parameters=[ClinicFilters])
class ClinicList(ListView):
    """Learning Clinics, workshops, local clinics and Connectathons (never drafts), times in UTC."""

    serializer_class = ClinicSerializer

    def get_queryset(self):
        return queries.clinics(**_filters(ClinicFilters, self.request))


@extend_schema(tags=["clinics"])
class ClinicDetail(DetailView):
    serializer_class = ClinicSerializer

    def get_queryset(self):
        return queries.clinics()


@extend_schema(tags=["skills"], parameters=[SkillFilters])
class SkillList(ListView):
    """The skills taxonomy, with each name in every shipped language and the skill's Wikidata item."""

    serializer_class = SkillSerializer

    def get_queryset(self):
        return queries.skills(**_filters(SkillFilters, self.request))


@extend_schema(tags=["skills"])
class SkillDetail(DetailView):
    serializer_class = SkillSerializer

    def get_queryset(self):
        return queries.skills()


@extend_schema(tags=["participants"], parameters=[ParticipantFilters])
class ParticipantList(ListView):
    """Participants listed in the Skills Directory, with exactly what their public profile shows."""

    serializer_class = PublicProfileSerializer

    def get_queryset(self):
        return queries.public_profiles(**_filters(ParticipantFilters, self.request))


@extend_schema(tags=["participants"])
class ParticipantDetail(DetailView):
    serializer_class = PublicProfileSerializer
    lookup_field = "user__username"
    lookup_url_kwarg = "username"

    def get_queryset(self):
        return queries.public_profiles()


@extend_schema(tags=["resources"], parameters=[ResourceFilters])
class ResourceList(ListView):
    """Published learning resources, newest first."""

    serializer_class = ResourceSerializer

    def get_queryset(self):
        return queries.resources(**_filters(ResourceFilters, self.request))


@extend_schema(tags=["resources"])
class ResourceDetail(DetailView):
    serializer_class = ResourceSerializer

    def get_queryset(self):
        return queries.resources()


class Impact(ReadView):
    """The program's figures as the impact page shows them, counted up to `as_of` (and from `start`)."""

    serializer_class = ImpactSerializer

    @extend_schema(tags=["impact"], parameters=[PeriodQuerySerializer])
    def get(self, request):
        form = PeriodForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({field: [str(error) for error in errors] for field, errors in form.errors.items()})
        return Response(ImpactSerializer(cached_report(period=form.period())).data)
