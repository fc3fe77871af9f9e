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


def _store(resource, *, languages, skills, replaced_file=""):
    """Save `resource` with its languages and skills. A file saved to storage is removed again if that fails;
    a file it replaced is removed once the change is committed."""
    try:
        with transaction.atomic():
            resource.save()
            resource.languages.exclude(language__in=languages).delete()
            ResourceLanguage.objects.bulk_create(
                [ResourceLanguage(resource=resource, language=code) for code in dict.fromkeys(languages)],
                ignore_conflicts=True,
            )
            resource.skills.set(skills)
    except BaseException:
        if resource.file and resource.file._committed and resource.file.name != replaced_file:
            resource.file.storage.delete(resource.file.name)
        raise
    if replaced_file and replaced_file != resource.file.name:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(replaced_file))
    return resource


def _shares(participant, clinic_id):
    return clinic_id is not None and clinics_shared_by(participant).filter(pk=clinic_id).exists()


def may_edit(*, participant, resource):
    """A sharer edits the resources of the clinics they shared (those they added, and those made from the clinic)."""
    return _shares(participant, resource.clinic_id)


def _fill(resource, *, title, kind, clinic, summary, minutes, url, file, licence, author):
    """The fields a sharer gives. The title and summary are stored as written, in the default-language column
    every language falls back to (translations are the liaisons' work, in the admin)."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    setattr(resource, f"title_{default}", title)
    setattr(resource, f"summary_{default}", summary)
    resource.kind, resource.minutes, resource.clinic = kind, minutes, clinic
    resource.licence, resource.author = licence, author
    if file and not getattr(file, "_committed", False):
        checked = uploads.check(file)  # again: a service never trusts that a form ran
        resource.content_type, resource.file_size = checked.content_type, checked.size
        resource.file = file
    elif not file:
        resource.file, resource.content_type, resource.file_size = "", "", None
    resource.url = "" if resource.file else url


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
    """A sharer adds material to a clinic they shared."""
    if not _shares(participant, clinic.pk if clinic else None):
        raise PermissionDenied(_("You can add resources only to the clinics you shared."))
    resource = Resource(added_by=participant, slug=unique_slug(title))
    _fill(
        resource,
        title=title,
        kind=kind,
        clinic=clinic,
        summary=summary,
        minutes=minutes,
        url=url,
        file=file,
        licence=licence,
        author=author,
    )
    return _store(resource, languages=languages, skills=skills)


def update_resource(
    *,
    participant,
    resource,
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
    """A sharer changes a resource of a clinic they shared, keeping it on one of their clinics."""
    if not (_shares(participant, resource.clinic_id) and _shares(participant, clinic.pk if clinic else None)):
        raise PermissionDenied(_("You can change only the resources of the clinics you shared."))
    replaced_file = resource.file.name if resource.file else ""
    _fill(
        resource,
        title=title,
        kind=kind,
        clinic=clinic,
        summary=summary,
        minutes=minutes,
        url=url,
        file=file,
        licence=licence,
        author=author,
    )
    return _store(resource, languages=languages, skills=skills, replaced_file=replaced_file)


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
