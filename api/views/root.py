"""/api/v1/ itself: where everything is."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from .base import ReadView

LINKS = ["schema", "docs", "clinics", "skills", "participants", "resources", "impact", "me"]


class ApiRoot(ReadView):
    """The API's entry point: a link to each part, to the schema and to its documentation."""

    @extend_schema(
        tags=["api"],
        responses=inline_serializer("ApiRoot", {name: serializers.URLField() for name in LINKS}),
    )
    def get(self, request):
        return Response({name: settings.SITE_URL + reverse(f"api:{name}") for name in LINKS})
