"""A facilitator's two decisions about disclosure: releasing a snapshot, and withholding a
comment that could identify its author. Both are POSTs that redirect, and both are audited
by the gate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from selfassess.assessments.views import RUN, assessment_requiring, crumbs

from . import gate
from .models import ReleaseKind


@login_required
@require_POST
def snapshot(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    try:
        release = gate.make_release(assessment, kind=ReleaseKind.SNAPSHOT, actor=request.user)
    except gate.ReleaseRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{release.label} is released. The results pages show it.")
    return redirect(reverse("assessments:overview", args=[assessment.pk]) + "#releases")


@login_required
def comments(request, pk):
    assessment = assessment_requiring(request.user, pk, RUN)
    release = gate.latest_release(assessment)
    every = gate.comments_of(assessment, release, include_withheld=True)
    if request.method == "POST":
        statement_id = request.POST.get("statement", "")
        key = request.POST.get("key", "")
        known = {(sid, c.key) for sid, items in every.items() for c in items}
        if (statement_id, key) not in known:
            return HttpResponseBadRequest(
                "That comment is not in the latest release. Reload the page and try again."
            )
        withhold = request.POST.get("action") != "restore"
        gate.withhold_comment(
            assessment, statement_id=statement_id, key=key, actor=request.user, withhold=withhold
        )
        messages.success(
            request,
            "The comment is withheld from the report, the results and the workshop screen."
            if withhold
            else "The comment is shown again.",
        )
        return redirect("disclosure:comments", assessment.pk)
    hidden = gate.withheld_keys(assessment)
    statements = {s.id: s for s in assessment.framework.statements()}
    numbers = {
        s.id: f"{ci}.{si}"
        for ci, c in enumerate(assessment.framework.components, start=1)
        for si, s in enumerate(c.statements, start=1)
    }
    rows = [
        {
            "statement_id": sid,
            "number": numbers.get(sid, ""),
            "statement": statements[sid].text if sid in statements else sid,
            "comments": [(c, (sid, c.key) in hidden) for c in items],
        }
        for sid, items in sorted(every.items(), key=lambda item: list(numbers).index(item[0]))
        if sid in numbers
    ]
    return render(
        request,
        "disclosure/comments.jinja",
        {
            "page_title": "Released comments",
            "assessment": assessment,
            "release": release,
            "rows": rows,
            "breadcrumbs": crumbs(assessment, {"text": "Released comments", "href": ""}),
        },
    )
