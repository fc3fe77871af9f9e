"""The directory's facets as the template shows them: each option with its label and count."""

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from participants.languages import language_name
from participants.models import Participant

from .models import ParticipantSkill


def _option(value, label, count, selected):
    return {"value": value, "label": label, "count": count, "selected": str(value) == str(selected or "")}


def _sorted(options):
    return sorted(options, key=lambda option: str(option["label"]).casefold())


def build(*, counts, query, skills, regions):
    values = query.values
    groups = []
    for skill in skills:
        count = counts["skill"].get(skill.pk, 0)
        if not count and skill.slug != values.get("skill"):
            continue
        if not groups or groups[-1]["category"] != skill.category:
            groups.append({"category": skill.category, "options": []})
        groups[-1]["options"].append(_option(skill.slug, skill.name, count, values.get("skill")))
    region_names = {region.code: region.name for region in regions}
    country_names = dict(countries)
    language = get_language() or settings.LANGUAGE_CODE
    return [
        {
            "name": "category",
            "label": _("Skill category"),
            "options": [
                _option(category.slug, category.name, counts["category"].get(category.slug, 0), values.get("category"))
                for category in dict.fromkeys(skill.category for skill in skills)
            ],
        },
        {"name": "skill", "label": _("Skill"), "groups": groups},
        {
            "name": "mode",
            "label": _("Share or learn"),
            "options": [
                _option(kind, label, counts["mode"].get(kind, 0), values.get("mode"))
                for kind, label in ParticipantSkill.Kind.choices
            ],
        },
        {
            "name": "region",
            "label": _("Region"),
            "options": _sorted(
                _option(code, region_names.get(code, code), count, values.get("region"))
                for code, count in counts["region"].items()
            ),
        },
        {
            "name": "country",
            "label": _("Country"),
            "options": _sorted(
                _option(code, country_names.get(code, code), count, values.get("country"))
                for code, count in counts["country"].items()
            ),
        },
        {
            "name": "language",
            "label": _("Language spoken"),
            "options": _sorted(
                _option(code, capfirst(language_name(code, language)), count, values.get("language"))
                for code, count in counts["language"].items()
            ),
        },
        {
            "name": "role",
            "label": _("Role"),
            "options": [
                _option(role, label, counts["role"].get(role, 0), values.get("role"))
                for role, label in Participant.Role.choices
                if counts["role"].get(role)
            ],
        },
        {
            "name": "affiliate",
            "label": _("Affiliate"),
            "options": [
                _option(affiliate_id, name, count, values.get("affiliate"))
                for affiliate_id, (name, count) in counts["affiliate"].items()
            ],
        },
    ]
