"""The site's URLs plus the benchmarks' own pages, behind the same middleware; never in the production URLs.

- /bench/trivial: a page that does nothing, the ceiling bench/load.py and bench/directory.py compare pages with.
- /bench/people-sql/: the Skills Directory with its facets counted by one SQL statement (`skills.directory_index`,
  what it does when the cache is away), and /bench/people-naive/: the same search the naive way (bench/naive.py),
  answered as JSON: what bench/directory.py compares the bitmap facet index with, in the same run.
"""

import json
from unittest import mock

from django.http import HttpResponse
from django.urls import path

from bench import naive
from letsconnect.urls import urlpatterns as site_urlpatterns
from participants.models import Region
from skills import facet_index, queries, views
from skills.forms import DirectoryForm
from skills.models import Skill


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


def people_sql(request):
    with mock.patch.object(facet_index, "current", return_value=None):
        return views.directory(request)


def people_naive(request):
    skills = list(Skill.objects.select_related("category"))
    form = DirectoryForm(
        request.GET,
        skill_slugs={skill.slug for skill in skills},
        category_slugs={skill.category.slug for skill in skills},
        region_codes=set(Region.objects.values_list("code", flat=True)),
    )
    form.is_valid()
    query = queries.DirectoryQuery(text=form.cleaned_data.get("q", ""), values=form.values(), skills=skills)
    current, people, counts = naive.page(query, page_number=request.GET.get("page", 1))
    body = {"total": current.paginator.count, "ids": [person.pk for person in people], "counts": len(counts)}
    return HttpResponse(json.dumps(body), content_type="application/json")


urlpatterns = [
    path("bench/trivial", trivial, name="bench_trivial"),
    path("bench/people-sql/", people_sql, name="bench_people_sql"),
    path("bench/people-naive/", people_naive, name="bench_people_naive"),
    *site_urlpatterns,
]
