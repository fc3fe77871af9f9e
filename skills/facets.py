"""The directory's facets as the template shows them: each option with its label and count.

The options' markup is made here rather than in a template loop: the country facet alone has up to 250 options,
and as template nodes they took most of the directory page's rendering time.
"""

from html import escape

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from participants.languages import language_name
from participants.models import Participant

from .models import ParticipantSkill


def _option(value, label, count, selected):
    return {"value": value, "label": label, "count": count, "selected": str(value) == str(selected or "")}


def _options_html(options):
    # Escaped with the standard library, as django.utils.html.escape does, without its per-call wrapping: this
    # runs for hundreds of options per page.
    return mark_safe(  # noqa: S308 -- every value and label below is escaped
        "".join(
            f'<option value="{escape(str(option["value"]))}"{" selected" if option["selected"] else ""}>'
            f"{escape(str(option['label']))} ({option['count']:d})</option>"
            for option in options
        )
    )


def _groups_html(groups):
    return mark_safe(  # noqa: S308 -- every label below is escaped, and the options are
        "".join(
            f'<optgroup label="{escape(str(group["category"].name))}">{_options_html(group["options"])}</optgroup>'
            for group in groups
        )
    )


def _with_html(facet):
    """The facet with `options_html`: its options (in their groups, for the skills) as the select's markup."""
    if "groups" in facet:
        facet["options_html"] = _groups_html(facet["groups"])
    else:
        facet["options_html"] = _options_html(facet["options"])
    return facet


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
    facets = [
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
    return [_with_html(facet) for facet in facets]
