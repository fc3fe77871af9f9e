"""The endpoint CapX posts enrolments to: `{"token": "<JWT>"}` in, `{"confirmation": ...}` or `{"error": ...}` out."""

import logging

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ..capx.services import receive
from ..capx.tokens import Refused
from ..throttling import CapxThrottle
from .base import LanguageMixin

logger = logging.getLogger(__name__)

ERROR = inline_serializer("CapxError", {"error": serializers.CharField()})


class CapxEnrol(LanguageMixin, APIView):
    """Enrol a person from the Capacity Exchange. The body is `{"token": "<JWT>"}`, the JWT signed by CapX with
    RS256; its claims are `user` (the Wikimedia username), `timestamp` (or null), `nonce` (a UUID4), `full_name`,
    `email`, `role`, `area`, `gender` and `age`."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [CapxThrottle]
    parser_classes = []

    @extend_schema(
        tags=["capx"],
        request=inline_serializer("CapxEnrolment", {"token": serializers.CharField()}),
        responses={
            200: inline_serializer("CapxConfirmation", {"confirmation": serializers.CharField(max_length=64)}),
            400: OpenApiResponse(ERROR, description="Not a JSON body with a token, a malformed token, bad claims."),
            401: OpenApiResponse(ERROR, description="Not signed with RS256 by CapX's key."),
            409: OpenApiResponse(ERROR, description="The nonce was already used."),
            503: OpenApiResponse(ERROR, description="No CapX key is configured."),
        },
    )
    def post(self, request):
        try:
            confirmation = receive(request.body)
        except Refused as refusal:
            logger.info("CapX enrolment refused: %s", refusal.outcome)
            return Response({"error": refusal.message}, status=refusal.status)
        logger.info("CapX enrolment accepted.")
        return Response({"confirmation": confirmation})
