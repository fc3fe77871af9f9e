"""The public impact page and the staff's CSV downloads of its figures."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext

from letsconnect import csv_files
from participants.languages import language_name

from . import charts, display
from .caching import cached_page, cached_report
from .forms import PeriodForm


def index(request):
    form = PeriodForm(request.GET)
    period = form.period()
    figures = cached_page(
        period=period, language=get_language(), render=lambda report: _render_figures(request, report)
    )
    query = request.GET.urlencode() if form.is_valid() else ""
    return render(request, "impact/index.html", {"form": form, "period": period, "figures": figures, "query": query})


def _render_figures(request, report):
    regions = [(_region_name(row), row) for row in report.regions]
    languages = [(language_name(row.code), row) for row in report.languages]
    context = {
        "report": report,
        "regions": regions,
        "languages": languages,
        "charts": {
            "participants_by_quarter": charts.columns(report.quarters, "participants"),
            "clinics_by_quarter": charts.columns(report.quarters, "clinics"),
            "edits_by_quarter": charts.columns(report.quarters, "edits"),
            # Each chart sorted by its own figures.
            "participants_by_region": charts.horizontal(charts.by_value((n, row.participants) for n, row in regions)),
            "shares_by_region": charts.horizontal(charts.by_value((name, row.shares) for name, row in regions)),
            "participants_by_language": charts.horizontal(
                charts.by_value((name, row.participants) for name, row in languages if row.participants.value)
            ),
            "shares_by_language": charts.horizontal(
                charts.by_value((name, row.shares) for name, row in languages if row.clinics.value)
            ),
            "active_by_wikipedia": charts.horizontal(
                charts.by_value((name, row.active_editors) for name, row in languages if row.active_editors.value)
            ),
        },
    }
    return render_to_string("impact/figures.html", context, request=request)


def _region_name(row):
    if not row.code:
        return gettext("Region not known")
    return row.names.get(get_language()) or row.names.get("en") or row.code


def download(request, table):
    """figures.csv, quarters.csv, regions.csv or languages.csv, for staff: others are sent to sign in, or refused."""
    if table not in CSV_TABLES:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_staff:
        raise PermissionDenied
    form = PeriodForm(request.GET)
    report = cached_report(period=form.period())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    suffix = f"-from-{report.start}" if report.start else ""
    response["Content-Disposition"] = f'attachment; filename="impact-{table}-{report.as_of}{suffix}.csv"'
    writer = csv_files.writer(response)
    for row in CSV_TABLES[table](report):
        writer.writerow(row)
    return response


def _figure_rows(report):
    yield [gettext("figure"), gettext("value"), gettext("as of"), gettext("from")]
    period = [report.as_of.isoformat(), report.start.isoformat() if report.start else ""]
    for label, figure in _figures(report):
        yield [label, display.csv_value(figure), *period]


def _figures(report):
    return [
        (gettext("participants"), report.participants),
        (gettext("registered participants"), report.registered),
        (gettext("unregistered attendees"), report.unregistered),
        (gettext("countries"), report.countries),
        (gettext("language Wikipedias"), report.language_wikipedias),
        (gettext("affiliates engaged"), report.affiliates_engaged),
        (gettext("affiliates on record"), report.affiliates_on_record),
        (gettext("affiliates engaged (%)"), report.affiliates_share),
        (gettext("clinics held"), report.clinics_held),
        (gettext("topics"), report.topics),
        (gettext("clinics with Wikimedia Foundation staff (%)"), report.clinics_with_staff),
        (gettext("shares from underrepresented regions (%)"), report.underrepresented_shares),
        (gettext("women sharers (%)"), report.women_sharers),
        (gettext("participants registered more than 2 years before"), report.retention_cohort),
        (gettext("retention (%)"), report.retention),
        (gettext("participants sharing their on-wiki activity"), report.sharing_activity),
        (gettext("of them, participants whose first clinic was 3 months before or more"), report.activity_cohort),
        (gettext("active on a wiki in the 3 months after their first clinic (%)"), report.active_after_first_clinic),
    ]


def _quarter_rows(report):
    yield [gettext("year"), gettext("quarter"), gettext("new participants"), gettext("clinics held"), gettext("edits")]
    for row in report.quarters:
        yield [
            row.year,
            row.quarter,
            display.csv_value(row.participants),
            display.csv_value(row.clinics),
            display.csv_value(row.edits),
        ]


def _region_rows(report):
    yield [gettext("region code"), gettext("region"), gettext("participants"), gettext("shares")]
    for row in report.regions:
        yield [row.code, _region_name(row), display.csv_value(row.participants), display.csv_value(row.shares)]


def _language_rows(report):
    yield [
        gettext("language code"),
        gettext("language"),
        gettext("participants (home Wikipedia)"),
        gettext("clinics held"),
        gettext("shares"),
        gettext("participants active on this Wikipedia"),
    ]
    for row in report.languages:
        yield [
            row.code,
            language_name(row.code),
            display.csv_value(row.participants),
            display.csv_value(row.clinics),
            display.csv_value(row.shares),
            display.csv_value(row.active_editors),
        ]


CSV_TABLES = {
    "figures": _figure_rows,
    "quarters": _quarter_rows,
    "regions": _region_rows,
    "languages": _language_rows,
}
