"""Pages of the skills app: the Skills Directory and a participant's own skills."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from letsconnect import fragments
from participants.models import Participant, Region

from . import cards, directory_index, facets, queries, services
from .forms import DemandForm, DirectoryForm, ParticipantSkillsForm
from .models import ParticipantSkill, Skill, SkillCategory
from .signals import skill_page_sections

DIRECTORY_PAGE_SIZE = 20


@login_required
def my_skills(request):
    participant = Participant.objects.filter(user=request.user).first()
    if participant is None:
        return redirect("participants:setup")
    categories = SkillCategory.objects.prefetch_related("skills")
    current = {(row.skill_id, row.kind): row.level for row in ParticipantSkill.objects.filter(participant=participant)}
    form = ParticipantSkillsForm(
        request.POST if request.method == "POST" else None, categories=categories, current=current
    )
    if request.method == "POST" and form.is_valid():
        services.set_participant_skills(participant=participant, shares=form.shares(), learns=form.learns())
        messages.success(request, _("Your skills are saved."))
        return redirect(participant)
    status = 400 if request.method == "POST" else 200
    return render(request, "skills/my_skills.html", {"form": form, "participant": participant}, status=status)


def directory(request):
    """The Skills Directory: listed participants, searched and filtered; the URL holds the whole state.

    Everyone sees the same results for the same URL, so the rendered search form and results are kept (in
    Redis) until the directory changes; a page asked for again costs no query and no rendering. They are kept under
    the checked parameters only; a page with an invalid filter is rendered and not kept."""
    # Without the directory's own index (SQLite in development) nothing tells when the directory changes.
    version = directory_index.cache_version() if queries.uses_directory_index() else None
    taxonomy = queries.directory_taxonomy()
    choices = taxonomy.choices
    page_number = fragments.page_number(request.GET.get("page"))
    query_string = fragments.checked_query(DirectoryForm(request.GET, **choices), page=page_number)
    shown = {}

    def render_results():
        skills, regions = taxonomy.skills, taxonomy.regions
        form = DirectoryForm(request.GET if query_string is None else query_string, **choices)
        form.is_valid()
        query = queries.DirectoryQuery(text=form.cleaned_data.get("q", ""), values=form.values(), skills=skills)
        query.taxonomy = taxonomy.rows
        page, counts = queries.search(query, page_number=page_number, page_size=DIRECTORY_PAGE_SIZE)
        shown["page"] = page.number
        context = {
            "form": form,
            "page": page,
            "participants": page.object_list,
            "cards_html": cards.cards_html(page.object_list),
            "facets": facets.build(counts=counts, query=query, skills=skills, regions=regions),
            "query": query,
            "query_string": request.GET if query_string is None else query_string,
        }
        # Without the request: the body needs none of the context processors' values (the page around it has them).
        return render_to_string("skills/_directory_body.html", context)

    def kept_for():
        # A page past the last shows the last: its number makes no entry of its own.
        return directory_index.CACHE_SECONDS if shown["page"] == page_number else 0

    body = fragments.rendered(
        "directory",
        version=None if query_string is None else version,
        parts=sorted(query_string.lists()) if query_string is not None else None,
        render=render_results,
        timeout=kept_for,
    )
    return render(request, "skills/directory.html", {"body": body})


def skill_detail(request, slug):
    skill = get_object_or_404(Skill.objects.select_related("category"), slug=slug)
    context = {
        "skill": skill,
        "sharers": queries.people_for_skill(skill, kind=ParticipantSkill.Kind.SHARE),
        "learners": queries.people_for_skill(skill, kind=ParticipantSkill.Kind.LEARN),
        "sections": [section for _receiver, section in skill_page_sections.send(sender=Skill, skill=skill) if section],
        # Times in the sections (the clinics on this skill) are shown in the visitor's own zone.
        "time_zone": Participant.objects.time_zone_of(request.user),
    }
    return render(request, "skills/skill_detail.html", context)


@staff_member_required
def demand_map(request):
    """Most-wanted skills against the number of sharers, by region and language: where to schedule clinics next."""
    regions = list(Region.objects.all())
    form = DemandForm(request.GET, regions=regions)
    form.is_valid()
    counts = queries.demand(region=form.cleaned_data.get("region"), language=form.cleaned_data.get("language"))
    rows = [
        {
            "skill": skill,
            "wanted": counts.get(skill.pk, {}).get("learn", 0),
            "sharers": counts.get(skill.pk, {}).get("share", 0),
        }
        for skill in Skill.objects.select_related("category")
    ]
    for row in rows:
        row["gap"] = row["wanted"] - row["sharers"]
    rows.sort(key=lambda row: (-row["gap"], -row["wanted"], row["skill"].name))
    return render(request, "skills/demand.html", {"form": form, "rows": rows})
