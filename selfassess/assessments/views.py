"""The assessment hub, setting an assessment up, and moving it through its lifecycle.

Every view starts from `assessment_for`, scoped to the user's organisations, so another
organisation's assessment is simply not found (404). Members whose role is too low for a
management action get 403 from `assessment_requiring`. Changes are POST-only and redirect
afterwards, so reloading a page never repeats them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from selfassess.disclosure import gate
from selfassess.organisations.views import organisation_requiring

from . import services
from .forms import AssessmentForm, AssessmentSettingsForm, NewClosingDateForm
from .invitations import reminder_recipients
from .lifecycle import Status, TransitionNotAllowed
from .models import Assessment
from .panels import panels_for
from .presenters import STATUS_EXPLANATIONS, HubActions, completion
from .tasks import task_list

RUN = "organisations.run_assessments"


def assessment_for(user, pk):
    """Scoped lookup: an assessment outside the user's organisations is simply not found."""
    return get_object_or_404(
        Assessment.objects.for_user(user).select_related("organisation", "framework_version"),
        pk=pk,
    )


def assessment_requiring(user, pk, perm=RUN):
    """The assessment, or 403 for a member whose role does not allow `perm`."""
    assessment = assessment_for(user, pk)
    if not user.has_perm(perm, assessment.organisation):
        raise PermissionDenied
    return assessment


def crumbs(assessment, *tail):
    """Breadcrumbs from home down to the assessment, then `tail` (the current page last)."""
    organisation = assessment.organisation
    current = {"text": assessment.cycle_label, "href": f"/assessments/{assessment.pk}/"}
    return [
        {"text": "Home", "href": "/"},
        {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
        current if tail else {**current, "href": ""},
        *tail,
    ]


@login_required
def overview(request, pk):
    assessment = assessment_for(request.user, pk)
    groups = gate.participation(assessment)
    release = gate.latest_release(assessment)
    analysis = gate.analysis_of(assessment, release)
    framework = assessment.framework
    components = [(c, analysis.components[c.id]) for c in framework.components]
    rows, total = completion(groups)
    actions = HubActions(assessment.status, request.user.has_perm(RUN, assessment.organisation))
    has_answers = release is not None and any(result.overall.n for _component, result in components)
    tasks = task_list(assessment, can_run=actions.can_run, total=total, has_answers=has_answers)
    return render(
        request,
        "assessments/overview.jinja",
        {
            "page_title": f"{assessment.cycle_label} {assessment.framework_version.title}",
            "assessment": assessment,
            "framework": framework,
            "rows_completion": rows,
            "total": total,
            "components": components,
            "has_answers": has_answers,
            "release": release,
            "releases": list(assessment.releases.order_by("-number")),
            "snapshot_refusal": (
                gate.release_check(assessment, "snapshot") if actions.can_snapshot else None
            ),
            "task_items": [task.as_item() for task in tasks],
            "actions": actions,
            "status_explanation": STATUS_EXPLANATIONS[assessment.status],
            "to_remind": reminder_recipients(assessment).count() if actions.can_remind else 0,
            "breadcrumbs": crumbs(assessment),
            "panels": panels_for(request, assessment),
        },
    )


@login_required
def create(request, organisation_pk):
    organisation = organisation_requiring(request.user, organisation_pk, RUN)
    form = AssessmentForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        assessment = services.create_assessment(organisation, request.user, form.cleaned_data)
        messages.success(
            request,
            f"The {assessment.cycle_label} assessment is set up as a draft. Open it when you "
            "are ready for people to answer.",
        )
        return redirect("assessments:overview", assessment.pk)
    return render(
        request,
        "assessments/create.jinja",
        {
            "page_title": "Create an assessment",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "form": form,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
                {"text": "Create an assessment", "href": ""},
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
def edit(request, pk):
    """A draft's settings; once open, the rules people answered under stay fixed."""
    assessment = assessment_requiring(request.user, pk)
    if assessment.status != Status.DRAFT:
        messages.error(request, services.SETTINGS_LOCKED)
        return redirect("assessments:overview", assessment.pk)
    initial = {field: getattr(assessment, field) for field in services.SETTINGS_FIELDS}
    form = AssessmentSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_settings(assessment, form.cleaned_data)
        messages.success(request, "The settings are saved.")
        return redirect("assessments:overview", assessment.pk)
    return render(
        request,
        "assessments/edit.jinja",
        {
            "page_title": "Change the settings",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "form": form,
            "breadcrumbs": crumbs(assessment, {"text": "Settings", "href": ""}),
        },
        status=400 if form.errors else 200,
    )


def _transition(request, pk, change, done):
    assessment = assessment_requiring(request.user, pk)
    try:
        change(assessment)
    except (TransitionNotAllowed, services.ActionNotAllowed) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("assessments:overview", assessment.pk)


@require_POST
@login_required
def open_assessment(request, pk):
    return _transition(
        request,
        pk,
        services.open_assessment,
        "The assessment is open. You can now invite people and use the join code.",
    )


@login_required
def close_assessment(request, pk):
    """Closing stops everyone part-way through, so the button leads to a page that says who
    that is (as a count by group: facilitators never see answers) before it closes."""
    if request.method == "POST":
        return _transition(
            request,
            pk,
            lambda assessment: services.close_assessment(assessment, actor=request.user),
            "The assessment is closed and its results are released. Nobody can answer until "
            "you reopen it.",
        )
    assessment = assessment_requiring(request.user, pk)
    groups = assessment.groups.annotate(
        part_way=Count(
            "participants",
            filter=Q(
                participants__started_at__isnull=False,
                participants__completed_at__isnull=True,
                participants__revoked_at__isnull=True,
            ),
        )
    )
    part_way = [(group.name, group.part_way) for group in groups if group.part_way]
    return render(
        request,
        "assessments/close.jinja",
        {
            "page_title": "Close the assessment",
            "assessment": assessment,
            "part_way": part_way,
            "part_way_total": sum(count for _name, count in part_way),
            "breadcrumbs": crumbs(assessment, {"text": "Close", "href": ""}),
        },
    )


@login_required
def complete_assessment(request, pk):
    """Completing cannot be undone, so the button leads to a page that says so first."""
    if request.method == "POST":
        return _transition(
            request,
            pk,
            lambda assessment: services.complete_assessment(assessment, actor=request.user),
            "The assessment is marked complete. Email addresses are no longer kept with its "
            "answers.",
        )
    assessment = assessment_requiring(request.user, pk)
    return render(
        request,
        "assessments/complete.jinja",
        {
            "page_title": "Mark the assessment complete",
            "assessment": assessment,
            "breadcrumbs": crumbs(assessment, {"text": "Mark complete", "href": ""}),
        },
    )


def _closing_date_page(request, pk, *, change, title, template_text, done):
    assessment = assessment_requiring(request.user, pk)
    form = NewClosingDateForm(request.POST or None, current=assessment.closes_on)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            change(assessment, form.cleaned_data["closes_on"])
        except (TransitionNotAllowed, services.ActionNotAllowed) as refused:
            error = str(refused)
        else:
            messages.success(request, done)
            return redirect("assessments:overview", assessment.pk)
    invalid = bool(form.errors or error)
    return render(
        request,
        "assessments/closing_date.jinja",
        {
            "page_title": title,
            "page_error": invalid,
            "assessment": assessment,
            "form": form,
            "error": error,
            "heading": title,
            "text": template_text,
            "breadcrumbs": crumbs(assessment, {"text": title, "href": ""}),
        },
        status=400 if invalid else 200,
    )


@login_required
def reopen_assessment(request, pk):
    return _closing_date_page(
        request,
        pk,
        change=services.reopen_assessment,
        title="Reopen the assessment",
        template_text="People can answer again until the new closing date. Choose a date after "
        "the current one.",
        done="The assessment is open again.",
    )


@login_required
def extend_closing_date(request, pk):
    return _closing_date_page(
        request,
        pk,
        change=services.extend_closing_date,
        title="Extend the closing date",
        template_text="People can carry on answering until the new date.",
        done="The closing date is extended.",
    )
