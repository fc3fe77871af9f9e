"""Demo resources for `manage.py seed_demo`: a dozen links in several languages (no files). The held demo
clinics' recordings and slides become resources on their own, through the clinics' signals."""

from skills.models import Skill

from .models import Resource, ResourceLanguage

# slug: (kind, minutes, languages, skills, link, titles by language, summary in English)
DEMO_RESOURCES = {
    "wikidata-in-ten-minutes": (
        "recording", 10, ["en"], ["wikidata"],
        "https://commons.wikimedia.org/wiki/File:Wikidata_in_ten_minutes.webm",
        {"en": "Wikidata in ten minutes", "es": "Wikidata en diez minutos", "fr": "Wikidata en dix minutes"},
        "Items, properties and statements, shown on one example.",
    ),
    "guia-editaton": (
        "guide", 20, ["es"], ["running-edit-a-thons", "event-organising"],
        "https://meta.wikimedia.org/wiki/Editat%C3%B3n",
        {"en": "Running an edit-a-thon, step by step", "es": "Guía para organizar un editatón"},
        "Before, during and after: the venue, the list of articles, the dashboard, the follow-up.",
    ),
    "kit-concours-photo": (
        "toolkit", 30, ["fr"], ["campaigns-and-contests", "wikimedia-commons"],
        "https://commons.wikimedia.org/wiki/Commons:Wiki_Loves_Monuments",
        {"en": "Photo contest toolkit", "fr": "Boîte à outils du concours photo"},
        "Templates, upload campaigns and jury rules for a national photo contest.",
    ),
    "grant-proposal-template": (
        "template", 5, ["en", "pt"], ["fundraising-and-grant-writing", "budgeting-and-financial-management"],
        "https://meta.wikimedia.org/wiki/Grants:Start",
        {"en": "Grant proposal template", "pt": "Modelo de proposta de financiamento"},
        "The sections reviewers look for, with a budget table.",
    ),
    "ucoc-course": (
        "course", 90, ["en", "fr", "es", "ar"], ["safe-spaces-and-ucoc"],
        "https://learn.wiki/courses/course-v1:WMF+UCoC101+2023/about",
        {"en": "The Universal Code of Conduct (WikiLearn)", "ar": "سياسة السلوك العالمية (ويكي ليرن)"},
        "A self-paced course on the Universal Code of Conduct and how it is enforced.",
    ),
    "mwongozo-wa-kuhariri": (
        "guide", 15, ["sw"], ["wikipedia-editing", "outreach-to-newcomers"],
        "https://sw.wikipedia.org/wiki/Msaada:Kuhariri",
        {"en": "Editing Wikipedia: a guide for newcomers", "sw": "Mwongozo wa kuhariri Wikipedia"},
        "Your first edit, references and talk pages, for new editors.",
    ),
    "dashboard-slides": (
        "slides", 8, ["en"], ["programs-and-events-dashboard", "program-evaluation-and-reporting"],
        "https://meta.wikimedia.org/wiki/Programs_%26_Events_Dashboard",
        {"en": "Tracking an event with the Programs & Events Dashboard"},
        "Create an event, add participants, read the statistics for your report.",
    ),
    "dalil-alshirakat": (
        "guide", 25, ["ar"], ["glam-partnerships", "partnerships"],
        "https://outreach.wikimedia.org/wiki/GLAM",
        {"en": "Partnering with museums and libraries", "ar": "دليل الشراكات مع المتاحف والمكتبات"},
        "How to approach an institution, what to offer, and a partnership agreement to adapt.",
    ),
    "content-translation-recording": (
        "recording", 12, ["pt"], ["content-translation"],
        "https://commons.wikimedia.org/wiki/File:Content_Translation_tool.webm",
        {"en": "Translating articles with Content Translation", "pt": "Traduzir artigos com a Tradução de Conteúdo"},
        "From choosing an article to publishing it, with machine translation used carefully.",
    ),
    "volunteer-retention-toolkit": (
        "toolkit", 40, ["en", "es"], ["volunteer-management", "community-building"],
        "https://meta.wikimedia.org/wiki/Volunteer_retention",
        {"en": "Keeping volunteers engaged", "es": "Cómo mantener a los voluntarios"},
        "Recognition, roles and rhythm: what affiliates found keeps volunteers coming back.",
    ),
    "evaluation-course": (
        "course", 120, ["en"], ["program-evaluation-and-reporting", "surveys-and-focus-groups"],
        "https://learn.wiki/courses/",
        {"en": "Evaluating your program (WikiLearn)"},
        "Logic models, metrics and surveys for a program's report.",
    ),
    "quickstatements-guide": (
        "guide", 9, ["en", "fr"], ["bots-and-tools", "wikidata"],
        "https://www.wikidata.org/wiki/Help:QuickStatements",
        {"en": "QuickStatements in practice", "fr": "QuickStatements en pratique"},
        "Batch edits on Wikidata from a spreadsheet, and how to check them first.",
    ),
}  # fmt: skip


def seed(*, rng, options):
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    created = 0
    for slug, (kind, minutes, languages, skill_slugs, url, titles, summary) in DEMO_RESOURCES.items():
        fields = {f"title_{code}": title for code, title in titles.items()}
        resource, was_created = Resource.objects.get_or_create(
            slug=slug,
            defaults={
                **fields,
                "summary_en": summary,
                "kind": kind,
                "minutes": minutes,
                "url": url,
                "author": "Let's Connect",
            },
        )
        if was_created:
            created += 1
            ResourceLanguage.objects.bulk_create(
                [ResourceLanguage(resource=resource, language=code) for code in languages]
            )
            resource.skills.set([skills[slug] for slug in skill_slugs if slug in skills])
    from_clinics = Resource.objects.exclude(source_key="").count()
    return f"{created} resources created ({from_clinics} from the held clinics)"
