"""Certificate pages: a participant's own (ask for one, download it), and the public verification page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from participants.models import Participant

from . import certificate_queries as queries
from . import certificate_services as services
from .certificate_forms import CertificateRequestForm
from .certificates import render_certificate_pdf, unprintable_characters
from .models import Certificate
from .ob3 import keys


@login_required
def my_certificates(request):
    """Choose a kind and a language and get the PDF; the certificates issued so far, with their public pages."""
    participant = Participant.objects.filter(user=request.user).first()
    if participant is None:
        return redirect("participants:setup")
    kinds = queries.available_kinds(participant=participant)
    form = CertificateRequestForm(
        request.POST if request.method == "POST" else None,
        kinds=kinds,
        initial={"language": participant.email_language},
    )
    if request.method == "POST" and kinds and form.is_valid():
        try:
            certificate = services.issue_certificate(
                participant=participant, kind=form.cleaned_data["kind"], language=form.cleaned_data["language"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("badges:certificate_pdf", uuid=certificate.uuid)
    context = {
        "participant": participant,
        "form": form,
        "kinds": kinds,
        "certificates": queries.certificates_of(participant=participant),
        "unprintable": unprintable_characters(participant.display_name),
        "signed": bool(keys.signing_keys()),
    }
    return render(request, "badges/certificates/mine.html", context, status=400 if request.method == "POST" else 200)


@cache_control(private=True)
def certificate_pdf(request, uuid):
    """The PDF, for its holder and for liaisons; a 404 for everyone else, who have the public page instead."""
    certificate = get_object_or_404(queries.certificates_downloadable_by(request.user), uuid=uuid)
    response = HttpResponse(render_certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letsconnect-certificate-{certificate.uuid}.pdf"'
    return response


def certificate_detail(request, uuid):
    """The public verification page: anyone may check a certificate, and sees only what the paper says."""
    certificate = get_object_or_404(Certificate, uuid=uuid)
    context = {
        "certificate": certificate,
        "clinics": queries.frozen_clinics(certificate),
        "signed": bool(keys.signing_keys()),
    }
    return render(request, "badges/certificates/detail.html", context)
