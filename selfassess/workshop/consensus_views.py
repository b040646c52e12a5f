"""Recording consensus statement by statement, with or without a live session, and the
summary of what has been agreed.

Anyone in the organisation may read the summary; recording a position needs the right to run
assessments. A save that names an old version shows the conflict page (409) with both versions:
the facilitator keeps theirs (changes nothing), keeps theirs own, or edits, each time naming
the version they have now seen, so a third save in between is caught again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from selfassess.assessments.views import assessment_requiring, crumbs

from . import presenters
from .consensus import Conflict, ConsensusLocked, Position, can_change, rating_for, save_position
from .forms import ConsensusForm, initial_for

VIEW = "organisations.view_results"
RETURN_TO_WORKSHOP = "workshop"
STALE = "This form is out of date: reload the page to see what is saved, then try again."
LOCKED = "The assessment is complete, so its agreed positions are final and cannot be changed."


@never_cache
@login_required
def summary(request, pk):
    assessment = assessment_requiring(request.user, pk, VIEW)
    sections = presenters.consensus_summary(assessment)
    total = sum(len(rows) for _component, rows, _agreed in sections)
    agreed = sum(agreed for _component, _rows, agreed in sections)
    can_run = request.user.has_perm("organisations.run_assessments", assessment.organisation)
    return render(
        request,
        "workshop/summary.jinja",
        {
            "page_title": "Agreed positions",
            "assessment": assessment,
            "sections": sections,
            "total": total,
            "agreed": agreed,
            "scale": assessment.framework.scale,
            "can_record": can_run,
            "can_plan": can_run,  # the same people record positions and change the plan
            "breadcrumbs": crumbs(assessment, {"text": "Agreed positions", "href": ""}),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def record(request, pk, statement_id):
    assessment = assessment_requiring(request.user, pk)
    try:
        ref = presenters.statement_ref(assessment, statement_id)
    except KeyError:
        raise Http404 from None
    scale = assessment.framework.scale
    rating = rating_for(assessment, statement_id)
    back_to_workshop = request.POST.get("return_to") == RETURN_TO_WORKSHOP
    if request.method == "POST":
        if not can_change(assessment):
            messages.error(request, LOCKED)
            return redirect("workshop:record", assessment.pk, statement_id)
        form = ConsensusForm(request.POST, scale=scale)
        if form.is_valid():
            try:
                save_position(
                    assessment,
                    statement_id,
                    form.position(),
                    request.user,
                    form.cleaned_data["base_version"],
                )
            except Conflict as conflict:
                if conflict.theirs is None:
                    # The form names a version that was never saved (a stale or forged post):
                    # show it again starting from what is stored, which is nothing yet.
                    data = request.POST.copy()
                    data["base_version"] = "0"
                    form = ConsensusForm(data, scale=scale)
                    form.is_valid()
                    form.add_error(None, STALE)
                else:
                    return _conflict(request, assessment, ref, conflict, back_to_workshop)
            except ConsensusLocked:
                messages.error(request, LOCKED)
                return redirect("workshop:record", assessment.pk, statement_id)
            else:
                messages.success(
                    request, f"The agreed position on statement {ref.number} is saved."
                )
                if back_to_workshop:
                    return redirect("workshop:control", assessment.pk)
                return redirect("workshop:summary", assessment.pk)
    else:
        form = ConsensusForm(initial=initial_for(rating), scale=scale)
    return render(
        request,
        "workshop/record.jinja",
        {
            "page_title": f"Agree statement {ref.number}",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "ref": ref,
            "form": form,
            "rating": rating,
            "scale": scale,
            "can_change": can_change(assessment),
            "history": presenters.history(rating),
            "describe": lambda values: presenters.describe_position(scale, values),
            "return_to": RETURN_TO_WORKSHOP if back_to_workshop else "",
            "breadcrumbs": crumbs(
                assessment,
                {"text": "Agreed positions", "href": f"/assessments/{assessment.pk}/consensus/"},
                {"text": f"Statement {ref.number}", "href": ""},
            ),
        },
        status=400 if form.errors else 200,
    )


def _conflict(request, assessment, ref, conflict: Conflict, back_to_workshop):
    theirs = conflict.theirs
    scale = assessment.framework.scale
    mine_initial = {**conflict.mine.as_dict(), "base_version": theirs.version}
    return render(
        request,
        "workshop/conflict.jinja",
        {
            "page_title": f"Someone else saved statement {ref.number}",
            "assessment": assessment,
            "ref": ref,
            "theirs": theirs,
            "theirs_position": Position.of(theirs),
            "mine": conflict.mine,
            "mine_initial": mine_initial,
            "form": ConsensusForm(initial=mine_initial, scale=scale),
            "scale": scale,
            "level_name": lambda value: presenters.level_name(scale, value),
            "return_to": RETURN_TO_WORKSHOP if back_to_workshop else "",
            "breadcrumbs": crumbs(
                assessment,
                {"text": "Agreed positions", "href": f"/assessments/{assessment.pk}/consensus/"},
                {"text": f"Statement {ref.number}", "href": ""},
            ),
        },
        status=409,
    )
