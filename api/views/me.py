"""The signed-in person (by personal access token): their profile, skills and RSVPs.

RSVPs go through `clinics.services`, exactly as on the site: the same capacity, waitlist and emails."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clinics import services
from clinics.models import Clinic, Registration
from participants.models import Participant

from .. import queries
from ..serializers.clinics import RegistrationRequestSerializer, RegistrationSerializer
from ..serializers.me import OwnProfileSerializer
from ..serializers.participants import ParticipantSkillsSerializer
from .base import ListView, ReadView


class HasProfile(permissions.IsAuthenticated):
    message = _("Finish your profile on the site first: the API acts for participants.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        view.participant = Participant.objects.filter(user=request.user).first()
        return view.participant is not None


class OwnView:
    permission_classes = [HasProfile]


@extend_schema(tags=["me"])
class Me(OwnView, ReadView):
    """Your profile, as others see it on the site, with your own settings."""

    serializer_class = OwnProfileSerializer

    def get(self, request):
        return Response(OwnProfileSerializer(queries.own_profile(user=request.user)).data)


@extend_schema(tags=["me"])
class MySkills(OwnView, ReadView):
    """The skills you share (with your level) and want to learn."""

    serializer_class = ParticipantSkillsSerializer

    def get(self, request):
        return Response(ParticipantSkillsSerializer(queries.with_skills(self.participant)).data)


@extend_schema(tags=["me"])
class MyRsvps(OwnView, ListView):
    """Your RSVPs (registered, on the waitlist or cancelled), newest first; POST to register for a clinic."""

    serializer_class = RegistrationSerializer

    def get_queryset(self):
        return queries.registrations(participant=self.participant)

    @extend_schema(
        request=RegistrationRequestSerializer,
        responses={
            201: RegistrationSerializer,
            200: OpenApiResponse(RegistrationSerializer, description="Already registered or waiting: unchanged."),
        },
    )
    def post(self, request):
        answer = RegistrationRequestSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        clinic = Clinic.objects.visible().filter(slug=answer.validated_data["clinic"]).first()
        if clinic is None:
            raise ValidationError({"clinic": [_("There is no clinic with this slug.")]})
        active = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)
        existed = Registration.objects.filter(clinic=clinic, participant=self.participant, status__in=active).exists()
        try:
            registration = services.register(
                participant=self.participant,
                clinic=clinic,
                interpretation_language=answer.validated_data["interpretation_language"],
            )
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}, code=error.code) from error
        registration = queries.registrations(participant=self.participant).get(pk=registration.pk)
        return Response(
            RegistrationSerializer(registration).data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        )


@extend_schema(tags=["me"])
class MyRsvp(OwnView, ReadView):
    """Your RSVP to one clinic (by the clinic's slug); DELETE cancels it, and frees the place for the waitlist."""

    serializer_class = RegistrationSerializer

    def _registration(self, slug):
        return get_object_or_404(queries.registrations(participant=self.participant), clinic__slug=slug)

    def get(self, request, slug):
        return Response(RegistrationSerializer(self._registration(slug)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug):
        services.cancel(registration=self._registration(slug))
        return Response(status=status.HTTP_204_NO_CONTENT)
