"""Open Badges 2.0 hosted documents and images at stable, language-free URLs, for any verifier or backpack."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control

from . import images, openbadges
from .models import Award, BadgeClass

JSON_LD = "application/ld+json"


def _document(data, status=200):
    response = JsonResponse(data, status=status, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch these from their own sites
    return response


@cache_control(public=True, max_age=3600)
def issuer(request):
    return _document(openbadges.issuer_document())


@cache_control(public=True, max_age=3600)
def badge_class(request, slug):
    return _document(openbadges.badge_class_document(get_object_or_404(BadgeClass, slug=slug)))


@cache_control(public=True, max_age=86400)
def badge_image(request, slug):
    response = HttpResponse(images.png(get_object_or_404(BadgeClass, slug=slug)), content_type="image/png")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@cache_control(no_cache=True)
def assertion(request, uuid):
    award = get_object_or_404(Award.objects.select_related("badge"), uuid=uuid)
    # Open Badges 2.0: a revoked hosted assertion answers 410 Gone, with `revoked` and the reason in the body.
    return _document(openbadges.assertion_document(award), status=410 if award.revoked else 200)


def baked(request, uuid):
    award = get_object_or_404(Award.objects.select_related("badge"), uuid=uuid)
    response = HttpResponse(openbadges.baked_png(award), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{award.badge.slug}-{award.uuid}.png"'
    return response
