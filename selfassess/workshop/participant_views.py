"""The phone pages: join the live workshop, wait, vote, change the vote until voting closes.

A participant is whoever the session says (see ``attendance``). Pages are never cached; a
vote is a POST followed by a redirect, and the vote itself is an upsert, so reloading,
double clicking or losing the connection never counts a vote twice or loses one.
"""

import secrets

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from selfassess.assessments import join_codes
from selfassess.assessments.join_forms import JoinCodeForm
from selfassess.participation.forms import JoinGroupForm
from selfassess.participation.presenters import EXPIRED, join_group_page
from selfassess.participation.services import begin_session

from . import attendance, phone, services
from .forms import DONT_KNOW, PersonalLinkForm, VoteForm

JOIN_FORM_KEY = "workshop_join_form"
JOIN_USED_KEY = "workshop_join_used"


def _not_joined(request):
    return render(
        request,
        "workshop/not_joined.jinja",
        {"page_title": "Join the workshop first"},
        status=403,
    )


def _code_form(request, data):
    """A code is of use here while a live session runs: before it starts and after it ends,
    it is refused exactly as a code that never existed (see ``join_codes``)."""
    return JoinCodeForm(
        data,
        request=request,
        usable=lambda assessment: services.live_session(assessment) is not None,
        required_message="Enter the join code shown on the screen",
    )


def _code_page(request, form, status):
    return render(
        request,
        "workshop/join_code.jinja",
        {"page_title": "Join a workshop", "page_error": bool(form.errors), "form": form},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def join(request):
    form = _code_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("workshop:join", form.cleaned_data["code"])
    return _code_page(request, form, form.status_code if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def join_group(request, code):
    code_form = _code_form(request, {"code": code})
    if not code_form.is_valid():
        return _code_page(request, code_form, 429 if code_form.too_many else 404)
    assessment = code_form.assessment
    current = attendance.workshop_participant(request)
    if request.method == "GET" and current and current.assessment_id == assessment.pk:
        return redirect("workshop:vote")
    form = JoinGroupForm(assessment=assessment)
    link_form = PersonalLinkForm()
    if request.method == "POST" and request.POST.get("action") == "link":
        link_form = PersonalLinkForm(request.POST)
        if link_form.is_valid():
            token = link_form.cleaned_data["link"]
            if attendance.attend_with_link(request, token, assessment) is not None:
                return redirect("workshop:vote")
            link_form.add_error(
                "link",
                "Check the link: it is not a personal link for this workshop. Copy the whole "
                "link from your invitation, or choose your group instead.",
            )
    elif request.method == "POST":
        form = JoinGroupForm(request.POST, assessment=assessment)
        if form.is_valid():
            key = form.cleaned_data["form_key"]
            if key == request.session.get(JOIN_USED_KEY):
                return redirect("workshop:vote")  # the same form sent twice: it joined once
            if key == request.session.get(JOIN_FORM_KEY):
                earlier = attendance.remembered_participant(request, assessment)
                if earlier is not None:
                    begin_session(request, earlier)  # this phone joined before
                    participant = earlier
                else:
                    try:
                        participant, _token = attendance.join_live(
                            request, assessment, form.cleaned_data["group"]
                        )
                    except attendance.NoLiveSession:
                        return redirect("workshop:join", assessment.join_code)
                    except join_codes.GroupFull as full:
                        participant = None
                        form.add_error("group", str(full))
                if participant is not None:
                    request.session[JOIN_USED_KEY] = key
                    request.session.pop(JOIN_FORM_KEY, None)
                    response = redirect("workshop:vote")
                    attendance.remember_device(response, participant)
                    return response
            else:
                form.add_error(None, EXPIRED)
    request.session[JOIN_FORM_KEY] = secrets.token_urlsafe(24)
    errors = bool(form.errors or link_form.errors)
    return render(
        request,
        "workshop/join_group.jinja",
        {
            "page_title": "Join the workshop",
            "page_error": errors,
            "form_key": request.session[JOIN_FORM_KEY],
            "link_form": link_form,
            **join_group_page(assessment, form),
        },
        status=400 if errors else 200,
    )


@never_cache
@require_GET
def with_link(request, token):
    """A personal link opened for the workshop rather than the survey."""
    participant = attendance.attend_with_link(request, token)
    if participant is None:
        return _not_joined(request)
    return redirect("workshop:vote")


def _wants_json(request) -> bool:
    """The phone's script posts a vote in place and asks for JSON; a form posts for a page."""
    return "application/json" in request.headers.get("Accept", "")


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request):
    participant = attendance.workshop_participant(request)
    if participant is None:
        if request.method == "POST" and _wants_json(request):
            return JsonResponse({"counted": False, "message": NOT_JOINED}, status=403)
        return _not_joined(request)
    if request.method == "POST" and _wants_json(request):
        return _vote_in_place(request, participant)
    scale = participant.assessment.framework.scale
    context = phone.phone_context(participant.assessment, participant)
    form = None
    if request.method == "POST":
        form = VoteForm(request.POST, scale=scale)
        if form.is_valid():
            try:
                services.cast_vote(participant, form.cleaned_data["round"], form.chosen_level())
            except services.VoteRefused as refused:
                messages.error(request, str(refused))
            # A saved vote is shown by the page itself ("Your vote is counted"), read back
            # from the database, so the phone never says a vote counted when it did not.
            return redirect("workshop:vote")
    elif context.get("state") == "open":
        own = context["own_vote"]
        initial = {"round": context["round"].pk}
        if own is not None:
            initial["level"] = DONT_KNOW if own.level is None else str(own.level)
        form = VoteForm(initial=initial, scale=scale)
    own = context.get("own_vote")
    chosen = str(form["level"].value() or "") if form else ""
    return render(
        request,
        "workshop/phone.jinja",
        {
            "page_title": "Workshop vote",
            "page_error": bool(form and form.errors),
            "participant": participant,
            "form": form,
            "choices": phone.choices(context, scale, chosen),
            "own": phone.own_vote_payload(scale, own) if own is not None else None,
            **context,
        },
        status=400 if form is not None and form.errors else 200,
    )


NOT_JOINED = "Join the workshop first: open the link or scan the code on the shared screen."


def _vote_in_place(request, participant):
    """A vote from the phone's script: stored exactly as the form's, answered in JSON, so the
    phone shows "Your vote is counted" only once the database holds it."""
    scale = participant.assessment.framework.scale
    form = VoteForm(request.POST, scale=scale)
    if not form.is_valid():
        message = next(iter(form.errors.values()))[0]
        return JsonResponse({"counted": False, "message": message}, status=400)
    try:
        stored = services.cast_vote(participant, form.cleaned_data["round"], form.chosen_level())
    except services.VoteRefused as refused:
        return JsonResponse({"counted": False, "message": str(refused)}, status=409)
    return JsonResponse({"counted": True, "own": phone.own_vote_payload(scale, stored)})


@never_cache
@require_GET
def vote_live(request):
    """The phone's state for a script that polls (where a network will not hold a stream
    open): the same payload as each event of ``stream.phone_stream``."""
    participant = attendance.workshop_participant(request)
    if participant is None:
        return JsonResponse({"key": "none"}, status=403)
    state = phone.room_state(participant.assessment_id)
    return JsonResponse({**state, "own": phone.own_vote(participant, state["round"])})
