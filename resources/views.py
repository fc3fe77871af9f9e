"""Resource pages: the list with its search and filters, a resource, its file, the saved list, a sharer's form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participants.models import Participant
from skills.models import Skill

from . import queries, services
from .forms import ResourceFilterForm, ResourceForm
from .models import Resource, SavedResource

PAGE_SIZE = 20


def _participant(request):
    if not request.user.is_authenticated:
        return None
    return Participant.objects.filter(user=request.user).first()


def resource_list(request):
    """Every published resource, searched and filtered; material in the reader's languages first."""
    skills = list(Skill.objects.all())
    form = ResourceFilterForm(request.GET, skills=skills, languages=queries.material_languages())
    form.is_valid()
    values = form.cleaned_data
    query = queries.ResourceQuery(
        text=values.get("q", ""),
        skill=values.get("skill", ""),
        kind=values.get("kind", ""),
        language=values.get("language", ""),
        max_minutes=int(values["length"]) if values.get("length") else None,
    )
    resources = queries.search(query, languages=queries.reader_languages(request.user))
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    can_add = queries.shares_clinics(request.user)
    context = {"form": form, "page": page, "resources": list(page.object_list), "can_add": can_add}
    return render(request, "resources/list.html", context)


def resource_detail(request, slug):
    resource = get_object_or_404(Resource.objects.visible().select_related("clinic"), slug=slug)
    languages = queries.reader_languages(request.user)
    participant = _participant(request)
    skills = list(resource.skills.all())
    context = {
        "resource": resource,
        "languages": list(resource.languages.all()),
        "skills": skills,
        "related": queries.related(resource, skills=skills, languages=languages),
        "participant": participant,
        "saved": participant is not None
        and SavedResource.objects.filter(participant=participant, resource=resource).exists(),
        "may_edit": participant is not None and services.may_edit(participant=participant, resource=resource),
    }
    return render(request, "resources/detail.html", context)


def download(request, slug):
    """The file, from storage, as an attachment of its checked type: never shown inline by the browser."""
    resource = get_object_or_404(Resource.objects.visible().exclude(file=""), slug=slug)
    try:
        stream = resource.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=f"{slugify(resource.title) or 'resource'}{resource.file.name[resource.file.name.rfind('.') :]}",
        content_type=resource.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def save(request, slug):
    resource = get_object_or_404(Resource.objects.visible(), slug=slug)
    participant = _participant(request)
    if participant is None:
        return redirect("participants:setup")
    if request.POST.get("action") == "remove":
        services.unsave(participant=participant, resource=resource)
        messages.success(request, _("Removed from your saved resources."))
    else:
        services.save_for_later(participant=participant, resource=resource)
        messages.success(request, _("Saved to your resources."))
    return redirect(resource)


@login_required
def saved_list(request):
    participant = _participant(request)
    if participant is None:
        return redirect("participants:setup")
    saved = list(
        SavedResource.objects.filter(participant=participant, resource__published=True)
        .select_related("resource__clinic")
        .prefetch_related("resource__languages")
    )
    return render(request, "resources/saved.html", {"saved": saved, "participant": participant})


@login_required
def add(request):
    """A sharer adds a resource to one of the clinics they shared."""
    participant = _participant(request)
    clinics = queries.clinics_shared_by(participant)
    if not clinics.exists():
        raise PermissionDenied(_("Only participants who shared a clinic can add resources."))
    form = ResourceForm(request.POST or None, request.FILES or None, clinics=clinics, skills=Skill.objects.all())
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.add_resource(participant=participant, **form.resource_values())
        except PermissionDenied as refused:
            form.add_error("clinic", str(refused))
        else:
            messages.success(request, _("Thank you: the resource is published."))
            return redirect(resource)
    status = 400 if request.method == "POST" else 200
    return render(request, "resources/form.html", {"form": form}, status=status)


@login_required
def edit(request, slug):
    """A sharer changes a resource of a clinic they shared."""
    resource = get_object_or_404(Resource.objects.visible(), slug=slug)
    participant = _participant(request)
    if participant is None or not services.may_edit(participant=participant, resource=resource):
        raise PermissionDenied(_("You can change only the resources of the clinics you shared."))
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        instance=resource,
        clinics=queries.clinics_shared_by(participant),
        skills=Skill.objects.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_resource(
                participant=participant, resource=Resource.objects.get(pk=resource.pk), **form.resource_values()
            )
        except PermissionDenied as refused:
            form.add_error("clinic", str(refused))
        else:
            messages.success(request, _("The resource is updated."))
            return redirect(resource)
    status = 400 if request.method == "POST" else 200
    return render(request, "resources/form.html", {"form": form, "resource": resource}, status=status)
