"""Operations that change resources: adding one (from the site or for a held clinic), saving it to a list."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clinics.models import Clinic, ClinicMaterial

from . import uploads
from .models import Resource, ResourceLanguage, SavedResource
from .queries import clinics_shared_by

# Site languages: the columns modeltranslation keeps for every translated field.
SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


# Slugs that would shadow a page under /resources/.
RESERVED_SLUGS = {"new"}


def unique_slug(title):
    base = slugify(title)[:200] or "resource"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Resource.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _store(resource, *, languages, skills):
    """Save `resource` with its languages and skills; a file saved to storage is removed again if that fails."""
    try:
        with transaction.atomic():
            resource.save()
            ResourceLanguage.objects.bulk_create(
                [ResourceLanguage(resource=resource, language=code) for code in dict.fromkeys(languages)]
            )
            resource.skills.set(skills)
    except BaseException:
        if resource.file and resource.file._committed:
            resource.file.storage.delete(resource.file.name)
        raise
    return resource


def add_resource(
    *,
    participant,
    title,
    kind,
    languages,
    clinic,
    summary="",
    minutes=None,
    skills=(),
    url="",
    file=None,
    licence=Resource.Licence.CC_BY_SA_4,
    author="",
):
    """A sharer adds material to a clinic they shared. The title and summary are stored as written, in the
    default-language column every language falls back to; liaisons add translations in the admin."""
    if clinic is None or not clinics_shared_by(participant).filter(pk=clinic.pk).exists():
        raise PermissionDenied(_("You can add resources only to the clinics you shared."))
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    resource = Resource(
        **{f"title_{default}": title, f"summary_{default}": summary},
        kind=kind,
        minutes=minutes,
        clinic=clinic,
        url=url if not file else "",
        licence=licence,
        author=author,
        added_by=participant,
        slug=unique_slug(title),
    )
    if file:
        checked = uploads.check(file)  # again: a service never trusts that a form ran
        resource.content_type, resource.file_size = checked.content_type, checked.size
        resource.file = file
    return _store(resource, languages=languages, skills=skills)


def _clinic_materials(clinic):
    """(source key, kind, language, link, minutes) of what a held clinic left behind."""
    materials = []
    if clinic.recording_url:
        minutes = int(clinic.duration.total_seconds() // 60)
        materials.append(
            (f"clinic:{clinic.pk}:recording", Resource.Kind.RECORDING, clinic.language, clinic.recording_url, minutes)
        )
    for material in ClinicMaterial.objects.filter(clinic=clinic):
        kind = Resource.Kind.SLIDES if material.kind == ClinicMaterial.Kind.SLIDES else Resource.Kind.RECORDING
        minutes = int(clinic.duration.total_seconds() // 60) if kind == Resource.Kind.RECORDING else None
        key = f"clinic:{clinic.pk}:{material.kind}:{material.language}"
        materials.append((key, kind, material.language, material.url, minutes))
    return materials


@transaction.atomic
def sync_clinic_resources(*, clinic):
    """A held clinic's recording, slides and interpretation audio become resources, once each (by source key),
    with the clinic's title, purpose and skills; a changed link is followed, and a recording or material the
    clinic no longer has takes its resource away. Returns how many were created."""
    if clinic.status != Clinic.Status.HELD:
        return 0
    materials = _clinic_materials(clinic)
    for gone in Resource.objects.filter(source_key__startswith=f"clinic:{clinic.pk}:").exclude(
        source_key__in=[key for key, *_rest in materials]
    ):
        gone.delete()
    existing = {
        resource.source_key: resource
        for resource in Resource.objects.filter(source_key__in=[key for key, *_rest in materials])
    }
    skills = list(clinic.skills.all())
    created = 0
    for key, kind, language, url, minutes in materials:
        resource = existing.get(key)
        if resource is not None:
            if resource.url != url:
                resource.url = url
                resource.save(update_fields=["url", "updated_at"])
            resource.skills.add(*skills)
            continue
        texts = {f"title_{code}": getattr(clinic, f"title_{code}") for code in SITE_LANGUAGES}
        texts |= {f"summary_{code}": getattr(clinic, f"purpose_{code}") for code in SITE_LANGUAGES}
        resource = Resource(
            **texts,
            slug=unique_slug(f"{clinic.slug}-{kind}-{language}"),
            kind=kind,
            minutes=minutes,
            clinic=clinic,
            url=url,
            source_key=key,
        )
        _store(resource, languages=[language], skills=skills)
        created += 1
    return created


def save_for_later(*, participant, resource):
    SavedResource.objects.get_or_create(participant=participant, resource=resource)


def unsave(*, participant, resource):
    SavedResource.objects.filter(participant=participant, resource=resource).delete()
