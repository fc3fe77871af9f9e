"""Open Badges 3.0 at stable, language-free URLs: the issuer's Profile and keys, signed credentials (as a JWT, or
baked into the badge image), and the revocation lists. Any verifier may fetch them, from any site."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from .. import images, openbadges
from ..models import Award, BadgeClass, Certificate
from . import baking, documents, keys, signing, status

JSON_LD = "application/ld+json"
OFF = "Open Badges 3.0 signing is not configured."
CERTIFICATE_IMAGES = {"participation": ("#3366cc", "✓"), "contribution": ("#14866d", "★")}


def _public(response):
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch these from their own sites
    return response


def _algorithm(request):
    """The `alg` asked for (RS256 or EdDSA), None for the issuer's preferred key; ValueError for anything else."""
    algorithm = request.GET.get("alg")
    if algorithm is not None and algorithm not in keys.ALGORITHMS:
        raise ValueError(algorithm)
    return algorithm


def _signed(request, sign):
    """The token `sign(algorithm)` gives, or an error response: 400 (unknown alg), 404 (no such key)."""
    try:
        algorithm = _algorithm(request)
    except ValueError:
        return None, HttpResponseBadRequest(_("Unknown algorithm: ask for RS256 or EdDSA."), content_type="text/plain")
    token = sign(algorithm)
    if token is None:
        raise Http404(OFF)
    return token, None


def _jwt_response(token):
    return _public(HttpResponse(token, content_type=signing.MEDIA_TYPE))


@cache_control(public=True, max_age=3600)
def profile(request):
    if not keys.signing_keys():
        raise Http404(OFF)
    return _public(
        JsonResponse(documents.profile_document(), content_type=JSON_LD, json_dumps_params={"ensure_ascii": False})
    )


@cache_control(public=True, max_age=3600)
def jwks(request):
    published = keys.jwks()
    if published is None:
        raise Http404(OFF)
    return _public(JsonResponse(published, content_type="application/jwk-set+json"))


@cache_control(public=True, max_age=3600)
def key(request, thumbprint):
    """One key as a JWK: what a credential's `kid` dereferences to."""
    found = keys.key_by_thumbprint(thumbprint) if keys.signing_keys() else None
    if found is None:
        raise Http404("No such key.")
    return _public(JsonResponse(found.jwk, content_type="application/jwk+json"))


def _award(uuid):
    return get_object_or_404(Award.objects.select_related("badge", "participant"), uuid=uuid)


def _gone(award):
    return _public(
        JsonResponse(
            openbadges.assertion_document(award),
            status=410,
            content_type=JSON_LD,
            json_dumps_params={"ensure_ascii": False},
        )
    )


@cache_control(no_cache=True)
def credential(request, uuid):
    """The award as a signed credential (VC-JWT); 410 once revoked (a copy kept elsewhere fails its status check)."""
    award = _award(uuid)
    if award.revoked:
        return _gone(award)
    token, error = _signed(request, lambda algorithm: signing.signed_award(award, algorithm))
    return error or _jwt_response(token)


def _download(data, content_type, filename):
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@cache_control(no_cache=True)
def baked_png(request, uuid):
    return _baked(request, uuid, lambda badge, token: baking.bake_png(images.png(badge), token), "image/png", "png")


@cache_control(no_cache=True)
def baked_svg(request, uuid):
    return _baked(request, uuid, lambda badge, token: baking.bake_svg(images.svg(badge), token), "image/svg+xml", "svg")


def _baked(request, uuid, bake, content_type, extension):
    """The badge's image with its signed credential baked in; 410 once revoked."""
    award = _award(uuid)
    if award.revoked:
        return _gone(award)
    token, error = _signed(request, lambda algorithm: signing.signed_award(award, algorithm))
    if error:
        return error
    return _download(bake(award.badge, token), content_type, f"{award.badge.slug}-{award.uuid}-ob3.{extension}")


@cache_control(no_cache=True)
def certificate_credential(request, uuid):
    """A certificate as a signed credential, public like its verification page; 410 once revoked."""
    certificate = get_object_or_404(Certificate.objects.select_related("participant"), uuid=uuid)
    if certificate.revoked_at:
        return _public(HttpResponse(_("This certificate was revoked."), status=410, content_type="text/plain"))
    token, error = _signed(request, lambda algorithm: signing.signed_certificate(certificate, algorithm))
    return error or _jwt_response(token)


@cache_control(public=True, max_age=86400)
def certificate_image(request, kind):
    """The image of a kind of certificate, drawn like a badge."""
    if kind not in CERTIFICATE_IMAGES:
        raise Http404("No such kind of certificate.")
    colour, symbol = CERTIFICATE_IMAGES[kind]
    name = documents.CERTIFICATE_TEXTS[kind][0]
    drawing = BadgeClass(slug=f"certificate-{kind}", name=name, name_en=name, colour=colour, symbol=symbol)
    return _public(HttpResponse(images.png(drawing), content_type="image/png"))


# Short-lived in caches: a revocation reaches verifiers within minutes.
@cache_control(public=True, max_age=300)
def status_list(request, kind, number):
    """A revocation list, signed afresh (valid for a day) by the issuer's preferred key."""
    if kind not in status.KINDS or number >= status.list_count(kind):
        raise Http404("No such status list.")
    token = signing.signed_status_list(kind, number)
    if token is None:
        raise Http404(OFF)
    return _jwt_response(token)
