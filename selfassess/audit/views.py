"""An organisation's audit log, for its admins: a page of events and the same events as CSV.

Admins only (``manage_organisation``), and always the organisation in the URL: someone
outside it gets 404 (`organisation_requiring`), so its log, like its existence, stays private.
The log never holds answers, comments or tokens (see `services.record`), so neither does the
download; its text cells go through the reports' spreadsheet guard all the same, because a
summary can quote a name someone typed.
"""

import csv
import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from selfassess.organisations.views import MANAGE, organisation_requiring
from selfassess.reports.safety import neutralise

from .forms import AuditFilterForm
from .selectors import events_for

PER_PAGE = 50
FILTER_FIELDS = ("kind", "since[day]", "since[month]", "since[year]")
FILTER_FIELDS += ("until[day]", "until[month]", "until[year]")
CSV_COLUMNS = ["When (UTC)", "Who", "Kind of event", "What happened", "Details"]


def _filter_form(request):
    """Bound only when the admin asked for a filter, so the first visit shows no errors."""
    asked = any(request.GET.get(name) for name in FILTER_FIELDS)
    return AuditFilterForm(request.GET if asked else None)


def _query(request, **extra) -> str:
    params = {name: request.GET[name] for name in FILTER_FIELDS if request.GET.get(name)}
    params.update(extra)
    return urlencode(params)


@login_required
def log(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    form = _filter_form(request)
    events = events_for(organisation, **form.filters())
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    base = request.path
    return render(
        request,
        "audit/log.jinja",
        {
            "page_title": f"Audit log \N{EN DASH} {organisation.name}",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "form": form,
            "page": page,
            "previous_url": f"{base}?{_query(request, page=page.previous_page_number())}"
            if page.has_previous()
            else "",
            "next_url": f"{base}?{_query(request, page=page.next_page_number())}"
            if page.has_next()
            else "",
            "download_query": _query(request),
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
                {"text": "Audit log", "href": ""},
            ],
        },
        status=400 if form.errors else 200,
    )


class _Echo:
    """A file-like object that hands back what is written, for streaming CSV rows."""

    def write(self, value):
        return value


def _rows(events):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for event in events.iterator(chunk_size=500):
        yield writer.writerow(
            [
                event.created_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
                neutralise(event.actor_label),
                neutralise(event.get_action_display()),
                neutralise(event.summary),
                neutralise(_details_text(event.details)),
            ]
        )


def _details_text(details) -> str:
    if not details:
        return ""
    return "; ".join(f"{key}: {value}" for key, value in sorted(details.items()))


@login_required
def download(request, pk):
    """The filtered log as CSV, streamed, so a long log never has to fit in memory."""
    organisation = organisation_requiring(request.user, pk, MANAGE)
    form = _filter_form(request)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('audit:log', args=[organisation.pk])}?{_query(request)}")
    events = events_for(organisation, **form.filters())
    response = StreamingHttpResponse(_rows(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="audit-log-organisation-{organisation.pk}-{stamp}.csv"'
    )
    return response
