"""The board report, its settings and the data downloads of one assessment.

Access: anyone in the organisation may read the report (``view_results``); choosing what it
holds and downloading the data tables needs ``run_assessments``. Every figure comes from a
release, through the disclosure gate; no download holds one person's answers. Every lookup
starts from the scoped ``assessment_for``, so another
organisation's assessment is not found.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from selfassess.assessments.views import RUN, assessment_requiring, crumbs
from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.results.services import results_for

from . import data, writers
from .forms import COVER_FIELDS, ReportSettingsForm
from .models import ReportSettings
from .pdf import report_pdf
from .report import board_report
from .sections import DEFAULT_SECTIONS

VIEW = "organisations.view_results"
TABLE_DESCRIPTIONS = [
    ("about", "About this assessment: organisation, framework, cycle, release, threshold"),
    ("components", "Summary by component"),
    ("statements", "Statistics by statement, with the count of each answer"),
    ("groups", "Breakdown by group (groups under the threshold hidden)"),
    ("consensus", "Agreed current and target levels, with rationale and evidence"),
    ("plan", "Development plan actions"),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def settings_for(assessment):
    return ReportSettings.objects.filter(assessment=assessment).first()


def file_stem(assessment) -> str:
    return slugify(f"{assessment.organisation.name} {assessment.cycle_label}")


def download(content, content_type, filename):
    """A file to save, never to show in the browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _record_download(request, assessment, what):
    record(
        organisation=assessment.organisation,
        actor=request.user,
        action=Action.EXPORTED,
        summary=f"Downloaded {what} of {assessment}",
        details={"assessment": assessment.pk},
    )


@login_required
def board(request, pk):
    assessment = assessment_requiring(request.user, pk, VIEW)
    context = board_report(assessment, settings_for(assessment))
    context.update(
        {
            "page_title": f"Report to the board \N{EN DASH} {assessment.cycle_label}",
            "breadcrumbs": crumbs(assessment, {"text": "Report to the board", "href": ""}),
            "can_run": request.user.has_perm(RUN, assessment.organisation),
            "for_web": True,
        }
    )
    return render(request, "reports/board.jinja", context)


@login_required
def pdf(request, pk):
    assessment = assessment_requiring(request.user, pk, VIEW)
    content = report_pdf(board_report(assessment, settings_for(assessment)))
    _record_download(request, assessment, "the board report as a PDF")
    return download(content, "application/pdf", f"{file_stem(assessment)}-board-report.pdf")


def comment_choices(assessment):
    """Comments a facilitator may put in the report: the latest release's comments (none it
    holds back, none withheld), by statement in framework order, then alphabetically, each
    named by the gate's comment key, which says nothing about who wrote it or when."""
    results = results_for(assessment)
    refs = results.statement_refs
    return [
        (comment.key, f"{refs[sid].number}: {comment.text}")
        for sid in refs
        for comment in results.comments.get(sid, [])
    ]


@login_required
def report_settings(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    current = settings_for(assessment)
    initial = {
        "sections": current.sections if current else DEFAULT_SECTIONS,
        "foreword": current.foreword if current else "",
        "comments": list(current.comment_keys or []) if current else [],
        **{name: getattr(current, name) for name in COVER_FIELDS if current},
    }
    form = ReportSettingsForm(
        request.POST or None, initial=initial, comment_choices=comment_choices(assessment)
    )
    if request.method == "POST" and form.is_valid():
        saved, _created = ReportSettings.objects.update_or_create(
            assessment=assessment,
            defaults={
                "sections": form.cleaned_data["sections"],
                "foreword": form.cleaned_data["foreword"].strip(),
                **{name: form.cleaned_data[name] for name in COVER_FIELDS},
                "updated_by": request.user,
            },
        )
        saved.comment_keys = list(form.cleaned_data["comments"])
        saved.save(update_fields=["comment_keys"])
        messages.success(request, "The report settings are saved.")
        return redirect("reports:board", assessment.pk)
    return render(
        request,
        "reports/settings.jinja",
        {
            "page_title": "Choose what the report holds",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "form": form,
            "breadcrumbs": crumbs(
                assessment,
                {"text": "Report to the board", "href": reverse("reports:board", args=[pk])},
                {"text": "Choose what the report holds", "href": ""},
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def downloads(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    return render(
        request,
        "reports/downloads.jinja",
        {
            "page_title": f"Download the data \N{EN DASH} {assessment.cycle_label}",
            "assessment": assessment,
            "tables": TABLE_DESCRIPTIONS,
            "breadcrumbs": crumbs(assessment, {"text": "Download the data", "href": ""}),
        },
    )


@login_required
def xlsx(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    content = writers.write_xlsx(data.build_tables(assessment))
    _record_download(request, assessment, "the data tables as a workbook")
    return download(content, XLSX, f"{file_stem(assessment)}.xlsx")


@login_required
def csv_table(request, pk, table):
    assessment = assessment_requiring(request.user, pk, RUN)
    if table not in data.TABLE_NAMES:
        raise Http404
    chosen = next(t for t in data.build_tables(assessment) if t.name == table)
    _record_download(request, assessment, f"the {table} table as CSV")
    return download(
        writers.write_csv(chosen), "text/csv; charset=utf-8", f"{file_stem(assessment)}-{table}.csv"
    )


@login_required
def json_tables(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    content = writers.write_json(data.build_tables(assessment))
    _record_download(request, assessment, "the data tables as JSON")
    return download(content, "application/json", f"{file_stem(assessment)}.json")
