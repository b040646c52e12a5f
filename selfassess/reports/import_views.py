"""Importing responses from another tool's CSV, in four steps that change nothing until the
last: upload, say which column is which statement, say what each answer means, then check
every row and confirm.

The file and the choices so far are kept in the session (the file is at most
``limits.RESPONSE_IMPORT_BYTES_MAX``), under a key per assessment, so two imports in two
tabs for two assessments do not mix.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from selfassess.assessments.models import ImportBatch
from selfassess.assessments.views import RUN, assessment_requiring, crumbs
from selfassess.disclosure import gate

from . import imports
from .forms import GROUP_FROM_COLUMN, ColumnsForm, ConfirmImportForm, UploadForm, ValuesForm


def _key(assessment):
    return f"reports-import-{assessment.pk}"


def _state(request, assessment):
    return request.session.get(_key(assessment))


def _save(request, assessment, state):
    request.session[_key(assessment)] = state
    request.session.modified = True


def _page(request, assessment, template, title, context, *, error=False):
    context.update(
        {
            "page_title": title,
            "page_error": error,
            "assessment": assessment,
            "breadcrumbs": crumbs(
                assessment,
                {
                    "text": "Import responses",
                    "href": reverse("reports:import", args=[assessment.pk]),
                },
                {"text": title, "href": ""},
            ),
        }
    )
    return render(request, template, context, status=400 if error else 200)


@login_required
def upload(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    form = UploadForm(request.POST or None, request.FILES or None)
    refusal = gate.import_refusal(assessment)
    problem = None
    if request.method == "POST" and refusal:
        problem = refusal
    elif request.method == "POST" and form.is_valid():
        try:
            sheet = imports.read_csv(form.cleaned_data["file"].read(imports.MAX_BYTES + 1))
        except imports.ImportInvalid as error:
            problem = str(error)
        else:
            _save(
                request,
                assessment,
                {
                    "name": form.cleaned_data["file"].name,
                    "header": sheet.header,
                    "rows": sheet.rows,
                },
            )
            return redirect("reports:import_columns", assessment.pk)
    return _page(
        request,
        assessment,
        "reports/import_upload.jinja",
        "Import responses",
        {
            "form": form,
            "problem": problem,
            "refusal": refusal,
            "has_groups": assessment.groups.exists(),
            "batches": list(assessment.import_batches.all()),
        },
        error=bool(form.errors or problem),
    )


@login_required
@require_POST
def undo(request, pk, batch_pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    batch = get_object_or_404(ImportBatch, pk=batch_pk, assessment=assessment)
    try:
        removed = imports.undo(batch, actor=request.user)
    except imports.ImportInvalid as error:
        messages.error(request, str(error))
    else:
        people = "person" if removed == 1 else "people"
        messages.success(request, f"The import is undone: answers from {removed} {people} removed.")
    return redirect("reports:import", assessment.pk)


@login_required
def columns(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    state = _state(request, assessment)
    if not state:
        return redirect("reports:import", assessment.pk)
    refs = [
        (s.id, f"{ci}.{si} {s.text}")
        for ci, c in enumerate(assessment.framework.components, start=1)
        for si, s in enumerate(c.statements, start=1)
    ]
    initial = {}
    known = {sid for sid, _label in refs}
    for index, name in enumerate(state["header"]):
        if name in known:
            initial[f"column_{index}"] = name
    form = ColumnsForm(
        request.POST or None,
        initial=initial,
        header=state["header"],
        statements=refs,
        groups=list(assessment.groups.all()),
    )
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        state.update(
            {
                "statements": form.cleaned_data["statements"],
                "group_column": form.cleaned_data["group_column"],
                "group_id": None if group == GROUP_FROM_COLUMN else int(group),
            }
        )
        _save(request, assessment, state)
        return redirect("reports:import_answers", assessment.pk)
    return _page(
        request,
        assessment,
        "reports/import_columns.jinja",
        "Match the columns",
        {"form": form, "file_name": state["name"], "rows": len(state["rows"])},
        error=bool(form.errors),
    )


@login_required
def answers(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    state = _state(request, assessment)
    if not state or "statements" not in state:
        return redirect("reports:import", assessment.pk)
    sheet = imports.Sheet(state["header"], state["rows"])
    try:
        values = imports.answer_values(sheet, state["statements"])
    except imports.ImportInvalid as error:
        messages.error(request, str(error))
        return redirect("reports:import_columns", assessment.pk)
    scale = assessment.framework.scale
    initial = {}
    for index, value in enumerate(values):
        guess = imports.guess_value(value, scale)
        if guess is not None:
            initial[f"value_{index}"] = str(guess)
    form = ValuesForm(request.POST or None, initial=initial, values=values, scale=scale)
    if request.method == "POST" and form.is_valid():
        state["values"] = form.mapping()
        _save(request, assessment, state)
        return redirect("reports:import_check", assessment.pk)
    return _page(
        request,
        assessment,
        "reports/import_answers.jinja",
        "Match the answers to levels",
        {"form": form},
        error=bool(form.errors),
    )


def _mapping(state):
    return imports.Mapping(
        statements=state["statements"],
        values=state["values"],
        group_id=state["group_id"],
        group_column=state["group_column"],
    )


@login_required
def check(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    state = _state(request, assessment)
    if not state or "values" not in state:
        return redirect("reports:import", assessment.pk)
    sheet = imports.Sheet(state["header"], state["rows"])
    mapping = _mapping(state)
    problems = imports.check_mapping(mapping, sheet, assessment)
    preview = imports.Preview() if problems else imports.check(mapping, sheet, assessment)
    form = ConfirmImportForm(request.POST if request.method == "POST" else None)
    refusal = None
    if request.method == "POST" and form.is_valid() and not problems:
        drop = form.cleaned_data["drop_bad_rows"]
        if not preview.good:
            refusal = "No row can be imported. Go back and change the matches, or fix the file."
        elif preview.bad and not drop:
            refusal = (
                "Some rows have problems. Tick the box to leave out the rows listed, or fix "
                "the file and upload it again."
            )
        else:
            try:
                count = imports.apply(
                    assessment, preview, actor=request.user, source_name=state["name"]
                )
            except imports.ImportInvalid as error:
                refusal = str(error)
            else:
                del request.session[_key(assessment)]
                left_out = (
                    f" {len(preview.bad)} rows with problems were left out." if preview.bad else ""
                )
                people = "person" if count == 1 else "people"
                messages.success(request, f"Answers from {count} {people} were imported.{left_out}")
                return redirect("assessments:overview", assessment.pk)
    return _page(
        request,
        assessment,
        "reports/import_check.jinja",
        "Check the rows",
        {
            "form": form,
            "problems": problems,
            "preview": preview,
            "refusal": refusal,
            "file_name": state["name"],
        },
        error=bool(refusal),
    )
