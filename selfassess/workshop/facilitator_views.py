"""The facilitator's control page and the projector view.

Both need the right to run assessments in the assessment's organisation (``assessment_requiring``:
another organisation's assessment is not found, a viewer gets 403). Changes are POST-only and
redirect back, so reloading never repeats them; each names the round its page showed, so a
double click or a second facilitator's window changes nothing twice.
"""

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from selfassess.assessments.views import assessment_requiring, crumbs
from selfassess.results.services import results_for

from . import presenters, services
from .consensus import can_change, rating_for
from .forms import ConsensusForm, initial_for
from .models import VoteRound

WORKSHOP_TITLE = "Consensus workshop"


def join_address(request, assessment):
    return request.build_absolute_uri(reverse("workshop:join", args=[assessment.join_code]))


@never_cache
@login_required
def control(request, pk):
    assessment = assessment_requiring(request.user, pk)
    session = services.live_session(assessment)
    context = {
        "page_title": WORKSHOP_TITLE,
        "assessment": assessment,
        "session": session,
        "can_start": assessment.status in services.WORKSHOP_STATUSES,
        "breadcrumbs": crumbs(assessment, {"text": WORKSHOP_TITLE, "href": ""}),
    }
    if session is not None:
        context.update(control_context(request, assessment, session))
    return render(request, "workshop/control.jinja", context)


def control_context(request, assessment, session, form=None):
    statement_id = session.current_statement_id
    rating = rating_for(assessment, statement_id)
    scale = assessment.framework.scale
    return {
        **presenter_context(assessment, session),
        "items": presenters.statement_list(assessment, statement_id),
        "rating": rating,
        "can_change": can_change(assessment),
        "form": form or ConsensusForm(initial=initial_for(rating), scale=scale),
        "scale": scale,
        "join_url": join_address(request, assessment),
    }


def presenter_context(assessment, session):
    """What the presenter's panel shows: the statement, the vote and the switches. The one
    place the control page's state is worked out, for the page and its live updates."""
    items = presenters.statement_list(assessment, session.current_statement_id)
    before, after = presenters.neighbours(items)
    vote = presenters.round_view(session, assessment)
    return {
        "assessment": assessment,
        "session": session,
        "before": before,
        "after": after,
        "ref": presenters.statement_ref(assessment, session.current_statement_id),
        "vote": vote,
        "countdown_choices": [(s, presenters.clock(s)) for s in COUNTDOWN_SECONDS],
        "clock": presenters.clock,
        "key": f"{presenters.screen_key(session, vote)}-{vote.key}",
    }


@never_cache
@require_GET
@login_required
def control_live(request, pk):
    """The presenter's panel on the control page, for the script that keeps it up to date."""
    assessment = assessment_requiring(request.user, pk)
    session = services.live_session(assessment)
    if session is None:
        return JsonResponse({"key": "ended", "html": ""})
    context = presenter_context(assessment, session)
    html = render_to_string("workshop/_vote_status.jinja", context, request)
    return JsonResponse({"key": context["key"], "html": html})


def _act(request, pk, change, done=None):
    assessment = assessment_requiring(request.user, pk)
    session = services.live_session(assessment)
    if session is None:
        messages.error(request, "There is no live session. Start one first.")
        return redirect("workshop:control", assessment.pk)
    try:
        change(session)
    except services.NotAllowed as refused:
        messages.error(request, str(refused))
    else:
        if done:
            messages.success(request, done)
    return redirect("workshop:control", assessment.pk)


def _expected_round(request):
    """The round the page showed: an id, or None for "no round yet"; 400 for anything else."""
    value = request.POST.get("round", "")
    if value == "":
        return None
    if not value.isdigit():
        raise BadRequest("The round must be a number.")
    return int(value)


@require_POST
@login_required
def start(request, pk):
    assessment = assessment_requiring(request.user, pk)
    order = presenters.discussion_order(results_for(assessment))
    try:
        services.start_session(assessment, request.user, order[0].statement.id if order else None)
    except services.NotAllowed as refused:
        messages.error(request, str(refused))
    return redirect("workshop:control", assessment.pk)


@require_POST
@login_required
def end(request, pk):
    return _act(
        request,
        pk,
        services.end_session,
        "The live session has ended. Every vote and agreed position is kept.",
    )


COUNTDOWN_SECONDS = (30, 60, 120, 180, 300)
SWITCH = {"on": True, "off": False}


def _switch(request, name):
    """A presenter's switch, sent as the value it should take: "on" or "off"; 400 otherwise."""
    value = request.POST.get(name, "")
    if value not in SWITCH:
        raise BadRequest(f"{name} must be on or off.")
    return SWITCH[value]


def _seconds(request):
    """A countdown length from the page's list, or None for no time limit; 400 otherwise."""
    value = request.POST.get("seconds", "")
    if value == "":
        return None
    if not value.isdigit() or int(value) not in COUNTDOWN_SECONDS:
        raise BadRequest("Choose a time limit from the list.")
    return int(value)


@require_POST
@login_required
def show(request, pk):
    statement_id = request.POST.get("statement", "")
    from_statement_id = request.POST.get("from") or None

    def change(session):
        try:
            services.show_statement(session, statement_id, from_statement_id=from_statement_id)
        except KeyError:
            raise services.NotAllowed(
                "Choose a statement from the list: that one is not part of this assessment."
            ) from None

    return _act(request, pk, change)


@require_POST
@login_required
def open_vote(request, pk):
    expected = _expected_round(request)
    seconds = _seconds(request)
    return _act(request, pk, lambda session: services.open_vote(session, expected, seconds=seconds))


@require_POST
@login_required
def countdown(request, pk):
    expected = _expected_round(request)
    seconds = _seconds(request)
    return _act(request, pk, lambda session: services.set_countdown(session, expected, seconds))


@require_POST
@login_required
def lock_vote(request, pk):
    expected = _expected_round(request)
    locked = _switch(request, "locked")
    return _act(request, pk, lambda session: services.lock_vote(session, expected, locked=locked))


@require_POST
@login_required
def screen_count(request, pk):
    shown = _switch(request, "shown")
    return _act(request, pk, lambda session: services.show_count(session, shown=shown))


@require_POST
@login_required
def screen_blank(request, pk):
    blank = _switch(request, "blank")
    return _act(request, pk, lambda session: services.blank_screen(session, blank=blank))


@require_POST
@login_required
def close_vote(request, pk):
    expected = _expected_round(request)
    return _act(request, pk, lambda session: services.close_vote(session, expected))


@require_POST
@login_required
def reveal_vote(request, pk):
    expected = _expected_round(request)
    return _act(request, pk, lambda session: services.reveal_vote(session, expected))


# -- the projector ---------------------------------------------------------------------------


def screen_context(assessment, session):
    if session is None:
        return {"assessment": assessment, "session": None, "key": "none", "started": False}
    vote = presenters.round_view(session, assessment)
    started = VoteRound.objects.filter(session=session).exists()
    return {
        "assessment": assessment,
        "session": session,
        "started": started,
        "ref": presenters.statement_ref(assessment, session.current_statement_id),
        "vote": vote,
        "clock": presenters.clock,
        "key": f"{presenters.screen_key(session, vote)}-{int(started)}",
    }


@never_cache
@require_GET
@login_required
def screen(request, pk):
    """The shared screen: large type, nothing that identifies anyone."""
    assessment = assessment_requiring(request.user, pk)
    session = services.live_session(assessment)
    return render(
        request,
        "workshop/screen.jinja",
        {
            "page_title": "Workshop screen",
            "assessment": assessment,
            "join_url": join_address(request, assessment),
            **screen_context(assessment, session),
        },
    )


@never_cache
@require_GET
@login_required
def screen_live(request, pk):
    assessment = assessment_requiring(request.user, pk)
    context = screen_context(assessment, services.live_session(assessment))
    context["join_url"] = join_address(request, assessment)
    html = render_to_string("workshop/_screen_live.jinja", context, request)
    return JsonResponse({"key": context["key"], "html": html})


@require_GET
@login_required
def screen_qr(request, pk):
    """The workshop's join address as an SVG QR code, made on the server."""
    assessment = assessment_requiring(request.user, pk)
    if not assessment.join_code:
        raise Http404
    url = join_address(request, assessment)
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", scale=10, border=4, title=f"QR code for {url}"
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response
