"""The development plan's pages.

Every view starts from the assessments app's scoped lookups: another organisation's
assessment (and so its actions) is simply not found (404). Any member may read the plan;
only facilitators and admins (``organisations.run_assessments``) may change it, others get 403.
An action is always looked up through its assessment, so an action id from another
assessment or organisation is not found either.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from selfassess.assessments.views import RUN, assessment_requiring, crumbs
from selfassess.results.services import results_for

from . import services
from .forms import VIEWS, ActionForm, EditActionForm, NoteForm, PlanFilterForm, StatusForm
from .presenters import (
    action_rows,
    filter_actions,
    grouped,
    history_rows,
    progress,
    statement_labels,
)
from .priorities import suggested_priorities, suggested_priority
from .review import agreed_levels, gap_of, review_action, review_plan

VIEW = "organisations.view_organisation"
CONFLICT = (
    "Someone else changed this action while you were editing it, so your changes have not "
    "been saved. Check what is saved now, shown below, then save again if your changes are "
    "still right."
)
STATUS_CONFLICT = (
    "Someone else changed this action since you opened the page, so the status has not been "
    "changed. Check the action below and change the status again if you still need to."
)


def _plan_crumbs(assessment, title=None):
    plan = {"text": "Development plan", "href": f"/assessments/{assessment.pk}/plan/"}
    if title is None:
        return crumbs(assessment, {**plan, "href": ""})
    return crumbs(assessment, plan, {"text": title, "href": ""})


def _action_of(assessment, action_pk):
    return get_object_or_404(assessment.actions.all(), pk=action_pk)


def _can_edit(user, assessment):
    return user.has_perm(RUN, assessment.organisation)


@login_required
def plan(request, pk):
    assessment = assessment_requiring(request.user, pk, VIEW)
    framework = assessment.framework
    today = timezone.localdate()
    actions = list(assessment.actions.all())
    owners = sorted({a.owner for a in actions if a.owner}, key=str.casefold)
    form = PlanFilterForm(request.GET or None, framework=framework, owners=owners)
    filters = form.filters() if request.GET else {}
    review = review_plan(assessment, actions, today)
    rows = action_rows(filter_actions(actions, filters), framework, review, today)
    if "component" in filters:
        rows = [r for r in rows if filters["component"] in r.component_ids]
    view = filters.get("view", "")
    return render(
        request,
        "plans/plan.jinja",
        {
            "page_title": "Development plan",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "form": form,
            "views": VIEWS,
            "view": view,
            "query": {k: v for k, v in filters.items() if k != "view"},
            "sections": grouped(rows, view, framework),
            "shown": len(rows),
            "progress": progress(actions, today),
            "review": review,
            "can_edit": _can_edit(request.user, assessment),
            "breadcrumbs": _plan_crumbs(assessment),
        },
        status=400 if form.errors else 200,
    )


@login_required
def priorities(request, pk):
    assessment = assessment_requiring(request.user, pk, VIEW)
    results = results_for(assessment)
    suggestions = suggested_priorities(
        assessment.framework,
        agreed_levels(assessment),
        results.analysis,
        results.group_names,
        list(assessment.actions.all()),
    )
    return render(
        request,
        "plans/priorities.jinja",
        {
            "page_title": "Suggested priorities",
            "assessment": assessment,
            "priorities": suggestions,
            "can_edit": _can_edit(request.user, assessment),
            "breadcrumbs": _plan_crumbs(assessment, "Suggested priorities"),
        },
    )


def _starting_point(assessment, params):
    """What a new action is created from: a statement or a component named in the address.

    Returns (initial form data, the starting point to show, an error); an id that is not in
    the framework is an error and prefills nothing.
    """
    framework = assessment.framework
    statement_id, component_id = params.get("statement", ""), params.get("component", "")
    if statement_id:
        label = statement_labels(framework).get(statement_id)
        if label is None:
            return {}, None, "That statement is not part of this assessment's framework."
        rating = agreed_levels(assessment).get(statement_id)
        gap = gap_of(rating)
        start = {"statement": label, "rating": rating, "gap": gap, "scale": framework.scale}
        initial = {
            "statement_ids": [statement_id],
            "component_ids": [label.component_id],
            "priority": suggested_priority(gap),
        }
        return initial, start, None
    if component_id:
        component = next((c for c in framework.components if c.id == component_id), None)
        if component is None:
            return {}, None, "That component is not part of this assessment's framework."
        return {"component_ids": [component_id]}, {"component": component}, None
    return {}, None, None


@login_required
def create(request, pk):
    assessment = assessment_requiring(request.user, pk)
    initial, start, error = _starting_point(assessment, request.GET)
    form = ActionForm(request.POST or None, initial=initial, framework=assessment.framework)
    if request.method == "POST" and form.is_valid():
        action = services.create_action(assessment, request.user, form.cleaned_data)
        messages.success(request, "The action is added to the plan.")
        return redirect("plans:action", assessment.pk, action.pk)
    invalid = bool(form.errors or error)
    return render(
        request,
        "plans/action_form.jinja",
        {
            "page_title": "Add an action",
            "page_error": invalid,
            "heading": "Add an action",
            "assessment": assessment,
            "form": form,
            "start": start,
            "errors": [error] if error else [],
            "button": "Add the action",
            "breadcrumbs": _plan_crumbs(assessment, "Add an action"),
        },
        status=400 if invalid else 200,
    )


def _initial_of(action):
    fields = ("title", "description", "owner", "due_on", "measure", "horizon", "priority")
    initial = {name: getattr(action, name) for name in fields}
    initial |= {
        "statement_ids": list(action.statement_ids),
        "component_ids": list(action.component_ids),
        "version": action.version,
    }
    return initial


@login_required
def edit(request, pk, action_pk):
    assessment = assessment_requiring(request.user, pk)
    action = _action_of(assessment, action_pk)
    form = EditActionForm(
        request.POST or None, initial=_initial_of(action), framework=assessment.framework
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.update_action(action, request.user, data, data["version"])
        except services.StaleAction as stale:
            conflict = stale.current
            posted = request.POST.copy()
            posted["version"] = str(conflict.version)  # saving again is now a deliberate choice
            form = EditActionForm(posted, framework=assessment.framework)
        else:
            messages.success(request, "The action is saved." if changed else "Nothing was changed.")
            return redirect("plans:action", assessment.pk, action.pk)
    invalid = bool(form.errors or conflict)
    return render(
        request,
        "plans/action_form.jinja",
        {
            "page_title": "Change the action",
            "page_error": invalid,
            "heading": "Change the action",
            "assessment": assessment,
            "action": action,
            "form": form,
            "conflict": conflict,
            "errors": [CONFLICT] if conflict else [],
            "labels": statement_labels(assessment.framework),
            "button": "Save the changes",
            "breadcrumbs": _plan_crumbs(assessment, "Change the action"),
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def _action_page(request, assessment, action, *, note_form=None, status_form=None, status=200):
    framework = assessment.framework
    labels = statement_labels(framework)
    titles = {c.id: c.title for c in framework.components}
    ratings = agreed_levels(assessment)
    statements = [
        (labels[s], ratings.get(s), gap_of(ratings.get(s)))
        for s in action.statement_ids
        if s in labels
    ]
    return render(
        request,
        "plans/action.jinja",
        {
            "page_title": action.title,
            "page_error": status != 200,
            "assessment": assessment,
            "action": action,
            "statements": statements,
            "components": [titles[c] for c in action.component_ids if c in titles],
            "findings": review_action(action, timezone.localdate()),
            "overdue": action.is_overdue(timezone.localdate()),
            "notes": list(action.notes.select_related("author")),
            "history": history_rows(action.changes.select_related("changed_by"), labels, titles),
            "can_edit": _can_edit(request.user, assessment),
            "note_form": note_form or NoteForm(),
            "status_form": status_form
            or StatusForm(initial={"status": action.status, "version": action.version}),
            "breadcrumbs": _plan_crumbs(assessment, action.title),
        },
        status=status,
    )


@login_required
def action(request, pk, action_pk):
    assessment = assessment_requiring(request.user, pk, VIEW)
    return _action_page(request, assessment, _action_of(assessment, action_pk))


@require_POST
@login_required
def change_status(request, pk, action_pk):
    assessment = assessment_requiring(request.user, pk)
    action = _action_of(assessment, action_pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _action_page(request, assessment, action, status_form=form, status=400)
    try:
        changed = services.change_status(
            action, request.user, form.cleaned_data["status"], form.cleaned_data["version"]
        )
    except services.StaleAction:
        messages.error(request, STATUS_CONFLICT)
    else:
        if changed:
            action.refresh_from_db()
            messages.success(request, f"The status is now “{action.get_status_display()}”.")
    return redirect("plans:action", assessment.pk, action.pk)


@require_POST
@login_required
def add_note(request, pk, action_pk):
    assessment = assessment_requiring(request.user, pk)
    action = _action_of(assessment, action_pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _action_page(request, assessment, action, note_form=form, status=400)
    services.add_note(action, request.user, form.cleaned_data["text"])
    messages.success(request, "The progress note is added.")
    return redirect("plans:action", assessment.pk, action.pk)
