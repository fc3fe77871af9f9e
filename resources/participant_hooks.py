"""What resources keep about a participant (their saved list, what they added) and the sections resources add to
skill and clinic pages."""

from django.utils.translation import get_language

from .models import Resource, SavedResource

SECTION_SIZE = 10


def saved_export(sender, participant, **kwargs):
    rows = SavedResource.objects.filter(participant=participant).select_related("resource").order_by("saved_at")
    return "saved_resources", [
        {"resource": row.resource.title, "link": row.resource.url, "saved_at": row.saved_at.isoformat()} for row in rows
    ]


def added_export(sender, participant, **kwargs):
    rows = Resource.objects.filter(added_by=participant).order_by("created_at")
    return "resources_added", [
        {"resource": row.title, "kind": row.kind, "link": row.url, "added_at": row.created_at.isoformat()}
        for row in rows
    ]


def skill_section(sender, skill, **kwargs):
    """On a skill's page: resources on it, those in the page's language first (one query)."""
    resources = list(
        Resource.objects.visible().filter(skills=skill).in_languages_first([get_language()])[:SECTION_SIZE]
    )
    return {"template": "resources/skill_section.html", "resources": resources, "skill": skill}


def clinic_section(sender, clinic, **kwargs):
    """On a clinic's page: the resources from it (one query)."""
    resources = list(Resource.objects.visible().filter(clinic=clinic).in_languages_first([get_language()]))
    return {"template": "resources/clinic_section.html", "resources": resources} if resources else None
