"""Cycle pages: comparing two cycles, the trend, starting the next cycle, survey figures.

Every view starts from the assessments app's scoped lookups, so another organisation's
assessment is not found (404) and a role too low for a change gets 403. Reading pages need
``view_results``; starting a cycle and importing survey figures need ``run_assessments``
(facilitators and admins).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from selfassess.assessments.views import RUN, assessment_for, assessment_requiring, crumbs
from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.organisations.views import organisation_requiring
from selfassess.plans.models import Status as ActionStatus
from selfassess.results.presenters.common import CONTESTED_RULE

from . import next_cycle, survey_import
from .comparison import compare_cycles
from .forms import CompareForm, NextCycleForm, SurveyUploadForm
from .loading import answered_chain, comparable_cycles, cycle
from .models import StaffSurveyIndicator
from .presenters import CONTEST_TEXT, level, maturity_chart, percentage, signed, survey_chart
from .trend import MIN_CYCLES, maturity_trend, survey_table

RESULTS = "organisations.view_results"


def _readable(user, pk):
    assessment = assessment_for(user, pk)
    if not user.has_perm(RESULTS, assessment.organisation):
        raise Http404
    return assessment


def _default_pair(assessment, cycles):
    """This assessment against the cycle it follows on from (or, failing that, the cycle
    before it); for a draft, the two latest cycles. None when there are not two."""
    ids = [c.pk for c in cycles]
    if len(ids) < 2:
        return None
    if assessment.pk in ids and assessment.previous_id in ids:
        pair = (assessment.previous_id, assessment.pk)
    elif assessment.pk in ids and ids.index(assessment.pk) > 0:
        pair = (ids[ids.index(assessment.pk) - 1], assessment.pk)
    else:
        pair = (ids[-2], ids[-1])
    return {"earlier": str(pair[0]), "later": str(pair[1])}


@login_required
def compare(request, pk):
    assessment = _readable(request.user, pk)
    cycles = comparable_cycles(assessment)
    chosen = "earlier" in request.GET or "later" in request.GET
    data = request.GET if chosen else _default_pair(assessment, cycles)
    form = CompareForm(data, cycles=cycles) if data else CompareForm(cycles=cycles)
    comparison = None
    if data and form.is_valid():
        earlier, later = form.cleaned_data["earlier_cycle"], form.cleaned_data["later_cycle"]
        comparison = compare_cycles(cycle(earlier), cycle(later))
    invalid = bool(chosen and form.errors)
    return render(
        request,
        "cycles/compare.jinja",
        {
            "page_title": "Compare cycles",
            "page_error": invalid,
            "assessment": assessment,
            "cycles": cycles,
            "form": form,
            "comparison": comparison,
            "level": level,
            "signed": signed,
            "contest_text": CONTEST_TEXT,
            "contested_rule": CONTESTED_RULE,
            "status_names": dict(ActionStatus.choices),
            "breadcrumbs": crumbs(assessment, {"text": "Compare cycles", "href": ""}),
        },
        status=400 if invalid else 200,
    )


@login_required
def trend(request, pk):
    assessment = _readable(request.user, pk)
    chain = answered_chain(assessment)
    context = {
        "page_title": "Trend across cycles",
        "assessment": assessment,
        "cycle_count": len(chain),
        "min_cycles": MIN_CYCLES,
        "can_import": request.user.has_perm(RUN, assessment.organisation),
        "level": level,
        "percentage": percentage,
        "breadcrumbs": crumbs(assessment, {"text": "Trend", "href": ""}),
    }
    if len(chain) >= MIN_CYCLES:
        maturity = maturity_trend([cycle(a) for a in chain])
        context["maturity"] = maturity
        context["maturity_chart"] = maturity_chart(
            maturity, assessment.framework.scale, assessment.pk
        )
    survey = survey_table(
        list(StaffSurveyIndicator.objects.filter(organisation=assessment.organisation))
    )
    context["survey"] = survey
    if survey.rows:
        context["survey_chart"] = survey_chart(survey, assessment.pk)
    return render(request, "cycles/trend.jinja", context)


@login_required
def start_next(request, pk):
    """A form prefilled from the last cycle; the new cycle is a draft with the same groups,
    settings and people invited by email, and no answers."""
    previous = assessment_requiring(request.user, pk)
    reason = next_cycle.refusal(previous)
    if reason:
        messages.error(request, reason)
        return redirect("assessments:overview", previous.pk)
    initial = {
        "cycle_label": next_cycle.suggested_label(previous.cycle_label),
        "anonymity_threshold": previous.anonymity_threshold,
        "introduction": previous.introduction,
    }
    form = NextCycleForm(request.POST or None, initial=initial, previous=previous)
    if request.method == "POST" and form.is_valid():
        try:
            assessment, copied = next_cycle.start_next_cycle(
                previous, request.user, form.cleaned_data
            )
        except next_cycle.CannotStart as refused:
            messages.error(request, str(refused))
            return redirect("assessments:overview", previous.pk)
        people = "person" if copied == 1 else "people"
        messages.success(
            request,
            f"The {assessment.cycle_label} cycle is set up as a draft with {copied} {people} "
            "from the last cycle's email list. Once you open it, use “Send reminders” to email "
            "each of them a personal link.",
        )
        return redirect("assessments:overview", assessment.pk)
    framework_id = previous.framework_version.framework_id
    return render(
        request,
        "cycles/next.jinja",
        {
            "page_title": "Start the next cycle",
            "page_error": bool(form.errors),
            "assessment": previous,
            "form": form,
            "version": next_cycle.latest_version(framework_id),
            "groups": list(previous.groups.all()),
            "people": len(next_cycle.people_to_copy(previous)),
            "breadcrumbs": crumbs(previous, {"text": "Start the next cycle", "href": ""}),
        },
        status=400 if form.errors else 200,
    )


@login_required
def survey(request, organisation_pk):
    """Staff-survey indicators: what is held, and importing a CSV file of them."""
    organisation = organisation_requiring(request.user, organisation_pk, RUN)
    posted = request.method == "POST"
    form = SurveyUploadForm(request.POST, request.FILES) if posted else SurveyUploadForm()
    problems = []
    if posted and form.is_valid():
        rows, problems = survey_import.check_rows(form.cleaned_data["file"])
        if not problems:
            created, updated = survey_import.save_indicators(organisation, rows)
            record(
                organisation=organisation,
                actor=request.user,
                action=Action.IMPORTED,
                summary=(
                    f"Imported {created + updated} staff survey figures "
                    f"({created} new, {updated} replaced)"
                ),
                details={"created": created, "updated": updated},
            )
            messages.success(
                request,
                f"Imported {created + updated} staff survey figures: {created} new, "
                f"{updated} replacing figures already held.",
            )
            return redirect("cycles:survey", organisation.pk)
    invalid = bool(form.errors or problems)
    table = survey_table(list(StaffSurveyIndicator.objects.filter(organisation=organisation)))
    return render(
        request,
        "cycles/survey.jinja",
        {
            "page_title": "Staff survey indicators",
            "page_error": invalid,
            "organisation": organisation,
            "form": form,
            "problems": problems,
            "survey": table,
            "percentage": percentage,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
                {"text": "Staff survey indicators", "href": ""},
            ],
        },
        status=400 if invalid else 200,
    )
