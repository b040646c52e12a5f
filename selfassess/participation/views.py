"""The participant's pages. Participants have no account: a personal link or a join code.

The personal link (token) is used once per visit, to put the participant in the session;
every other page reads the participant from the session and checks again that the link has
not been revoked and that the assessment still takes answers. Pages are never cached, so a
shared computer's back button does not show someone's answers after they have finished.
"""

import secrets
from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from selfassess.assessments import closing, join_codes
from selfassess.assessments.join_forms import JoinCodeForm
from selfassess.assessments.models import Participant

from . import presenters, services
from .forms import (
    ComponentForm,
    JoinGroupForm,
    answer_field_name,
    initial_answers,
)
from .services import LEFT_KEY, Barrier, Refused

# The participant who has joined and not yet been shown their link. Their link is made when
# it is shown (services.new_link), so the session never holds a token.
NEW_LINK_KEY = "participation_link_to_show"
JOIN_FORM_KEY = "participation_join_form"  # the one-use key of the group form on show
JOIN_USED_KEY = "participation_join_used"  # the key of the group form already used


def refuse(request, barrier, assessment=None):
    refusal = presenters.refusal_for(barrier, assessment)
    return render(
        request,
        "participation/refused.jinja",
        {"page_title": refusal.title, "refusal": refusal},
        status=refusal.status,
    )


def journey(view):
    """Give the view the session's participant, or show why they cannot answer now."""

    @wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        participant = services.participant_in_session(request)
        if participant is None:
            left = request.session.get(LEFT_KEY)
            if request.method == "POST" and left:
                # The same post again (a double click) after it ended the journey: show
                # what the first one led to, and change nothing.
                return redirect(left["page"])
            return refuse(request, Barrier.NO_SESSION)
        barrier = services.barrier_for(participant)
        if barrier is None:
            try:
                return view(request, participant, *args, **kwargs)
            except Refused as refused:
                barrier = refused.barrier
        if barrier == Barrier.UNKNOWN:
            # A revoked link loses the browser its place; a closed assessment (which can be
            # reopened) keeps it, so every page keeps saying why nothing can be changed.
            services.end_session(request)
        return refuse(request, barrier, participant.assessment)

    return wrapped


@never_cache
@require_http_methods(["GET"])
def start(request, token):
    """The personal link: start or resume, after forgetting any other link in this browser."""
    services.end_session(request)
    participant = Participant.from_token(token)
    barrier = services.barrier_for(participant)
    if barrier is not None:
        return refuse(request, barrier, participant and participant.assessment)
    services.begin_session(request, participant)
    responses = services.answers_by_statement(participant)
    if participant.started_at is None and not responses:
        return redirect("participation:intro")
    point = services.resume_point(participant, responses)
    if point is None:
        return redirect("participation:check")
    position, statement_id = point
    page = reverse("participation:component", args=[position])
    return redirect(f"{page}#{answer_field_name(statement_id)}")


@require_http_methods(["GET"])
@journey
def intro(request, participant):
    return render(
        request,
        "participation/intro.jinja",
        {"page_title": "Before you start", **presenters.intro_page(participant)},
    )


@require_http_methods(["GET", "POST"])
@journey
def component(request, participant, position):
    framework = participant.assessment.framework
    if not 1 <= position <= len(framework.components):
        raise Http404
    current = framework.components[position - 1]
    responses = services.answers_by_statement(participant)
    form_args = {"component": current, "scale": framework.scale, "participant_id": participant.pk}
    # From "Change" on the check page the participant goes back there once saved, with or
    # without JavaScript: the link carries ?from=check, and the form carries it on.
    from_check = (request.POST if request.method == "POST" else request.GET).get("from") == "check"
    if request.method == "POST":
        form = ComponentForm(request.POST, **form_args)
        if form.is_valid():
            return _saved(request, participant, form, position, from_check=from_check)
    else:
        form = ComponentForm(initial=initial_answers(current, responses), **form_args)
    page = presenters.component_page(participant, position, form, responses, from_check)
    return render(
        request,
        "participation/component.jinja",
        {
            "page_title": f"{current.title} (section {position} of {page['component_count']})",
            "page_error": bool(form.errors),
            **page,
        },
        status=400 if form.errors else 200,
    )


def _saved(request, participant, form, position, from_check=False):
    """Store the page, then go on (back to the check page when the change came from there),
    or stop here when the participant will come back later."""
    components = participant.assessment.framework.components
    later = request.POST.get("action") == "later"
    last = position == len(components)
    resume = components[position - 1 if later or last or from_check else position].id
    services.save_answers(participant, form.answers(), resume)
    if later:
        return _leave(request, participant, "participation:saved")
    if last or from_check:
        return redirect("participation:check")
    return redirect("participation:component", position + 1)


def _leave(request, participant, page):
    """Leave the journey, for privacy on shared computers: only the link opens it again."""
    closes_on = participant.assessment.closes_on
    services.end_session(request)
    request.session[LEFT_KEY] = {
        "page": page,
        "closes_on": closes_on.isoformat() if closes_on else "",
    }
    return redirect(page)


@require_http_methods(["GET", "POST"])
@journey
def check(request, participant):
    responses = services.answers_by_statement(participant)
    page = presenters.check_page(participant, responses)
    errors = []
    if request.method == "POST":
        if services.submit(participant):
            return _leave(request, participant, "participation:done")
        # Answers may have changed since the page was drawn; show what is stored now.
        page = presenters.check_page(participant, services.answers_by_statement(participant))
        errors = presenters.submit_errors(page)
    return render(
        request,
        "participation/check.jinja",
        {
            "page_title": "Check your answers",
            "page_error": bool(errors),
            "error_list": errors,
            **page,
        },
        status=400 if errors else 200,
    )


@never_cache
@require_http_methods(["GET"])
def saved(request):
    return _finished_page(request, "participation/saved.jinja", "Your answers have been saved")


@never_cache
@require_http_methods(["GET"])
def done(request):
    return _finished_page(request, "participation/done.jinja", "Your answers have been submitted")


def _finished_page(request, template, title):
    left = request.session.get(LEFT_KEY)
    if not left:
        return refuse(request, Barrier.NO_SESSION)
    closes_on = parse_date(left["closes_on"]) if left["closes_on"] else None
    return render(request, template, {"page_title": title, "closes_on": closes_on})


# -- joining with a code ---------------------------------------------------------------------


def _code_form(request, data):
    return JoinCodeForm(
        data,
        request=request,
        usable=closing.takes_answers,
        required_message="Enter the join code you were given",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def join(request, code=None):
    """Enter the code (/join/), then choose a group (/join/<code>/), then get a link.

    The code is accepted by ``join_codes`` at both steps, within its limits, and only while
    the assessment takes answers."""
    if code is None:
        form = _code_form(request, request.POST or None)
        if request.method == "POST" and form.is_valid():
            return redirect("participation:join", form.assessment.join_code)
        return _code_page(request, form)
    code_form = _code_form(request, {"code": code})
    if not code_form.is_valid():
        return _code_page(request, code_form)
    assessment = code_form.assessment
    if request.method == "POST":
        form = JoinGroupForm(request.POST, assessment=assessment)
        if form.is_valid():
            key = form.cleaned_data["form_key"]
            if key == request.session.get(JOIN_USED_KEY):
                # The same form sent twice (a double click): the first one joined.
                return redirect("participation:joined")
            if key == request.session.get(JOIN_FORM_KEY):
                try:
                    return _joined(request, assessment, form.cleaned_data["group"], key)
                except join_codes.GroupFull as full:
                    form.add_error("group", str(full))
            else:
                form.add_error(None, presenters.EXPIRED)
    else:
        form = JoinGroupForm(assessment=assessment)
    request.session[JOIN_FORM_KEY] = secrets.token_urlsafe(24)
    return render(
        request,
        "participation/join_group.jinja",
        {
            "page_title": "Which group are you in?",
            "page_error": bool(form.errors),
            "form_key": request.session[JOIN_FORM_KEY],
            **presenters.join_group_page(assessment, form),
        },
        status=400 if form.errors else 200,
    )


def _code_page(request, form):
    return render(
        request,
        "participation/join_code.jinja",
        {"page_title": "Join an assessment", "page_error": bool(form.errors), "form": form},
        status=form.status_code if form.errors else 200,
    )


def _joined(request, assessment, group, key):
    try:
        participant, _unseen = services.join(assessment, group)
    except Refused as refused:
        return refuse(request, refused.barrier, assessment)
    services.begin_session(request, participant)
    request.session[NEW_LINK_KEY] = participant.pk
    request.session[JOIN_USED_KEY] = key
    request.session.pop(JOIN_FORM_KEY, None)
    return redirect("participation:joined")


@require_http_methods(["GET"])
@journey
def joined(request, participant):
    """Show the new personal link, once: it is the only way back to these answers."""
    link = ""
    if request.session.pop(NEW_LINK_KEY, None) == participant.pk:
        token = services.new_link(participant)
        link = request.build_absolute_uri(reverse("participation:start", args=[token]))
    return render(
        request,
        "participation/joined.jinja",
        {
            "page_title": "Keep your personal link",
            "link": link,
            "group": participant.group.name,
            "continue_href": reverse("participation:intro"),
        },
    )
