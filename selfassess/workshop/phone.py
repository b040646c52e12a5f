"""What a phone shows: the room's state (the same for every phone) and the phone's own vote.

The page (``participant_views.vote``) renders both together. The live channel sends them
apart: ``room_state`` once per change for a whole room of phones, rendered without a request
(so without anyone's vote or CSRF token), and ``own_vote`` per phone when it connects; the
phone's script puts its own vote, and its token, back into the page. A state's ``key``
changes exactly when what a phone shows changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.template.loader import render_to_string

from selfassess.assessments.models import Assessment

from . import presenters, services
from .forms import DONT_KNOW

REGION_TEMPLATE = "workshop/_phone_live.jinja"
_RENDERED_KEEP = 64


def phone_context(assessment, participant=None):
    """The phone page's context: the live session, the round, its state and the vote."""
    session = services.live_session(assessment)
    if session is None:
        return {"session": None, "state": "waiting", "round": None, "key": "waiting"}
    latest = services.latest_round(session)
    view = presenters.RoundView(latest, 0, None)
    state = view.state
    deadline = view.deadline.isoformat() if view.deadline else ""
    own = services.vote_of(participant, latest) if participant is not None else None
    return {
        "session": session,
        "ref": presenters.statement_ref(assessment, session.current_statement_id),
        "round": latest,
        "state": state,
        "timed_out": view.timed_out,
        "seconds_left": view.seconds_left if state in ("open", "locked") else None,
        "deadline": view.deadline,
        "clock": presenters.clock,
        "own_vote": own,
        "own_vote_label": vote_label(assessment.framework.scale, own),
        "key": (
            f"{session.pk}-{session.current_statement_id}-{latest.pk if latest else ''}-{state}"
            f"-{deadline}"
        ),
    }


def vote_label(scale, vote) -> str:
    if vote is None:
        return ""
    return scale.dont_know_label if vote.level is None else presenters.level_name(scale, vote.level)


def choices(context, scale, chosen=""):
    """The answers for the statement being voted on, each a button; ``chosen`` is marked."""
    if context.get("state") != "open":
        return []
    descriptors = context["ref"].statement.descriptors
    items = [
        {
            "value": str(level.value),
            "text": f"{level.value} {level.name}",
            "hint": {"text": descriptors.get(level.value, level.meaning)},
            "checked": chosen == str(level.value),
        }
        for level in scale.levels
    ]
    items.append(
        {
            "value": DONT_KNOW,
            "text": scale.dont_know_label,
            "hint": {"text": scale.dont_know_meaning},
            "checked": chosen == DONT_KNOW,
        }
    )
    return items


def own_vote(participant, round_id) -> dict | None:
    """The phone's own vote in a round, as the script shows it; None if it has not voted."""
    if round_id is None:
        return None
    vote = services.vote_of_in_round(participant, round_id)
    if vote is None:
        return None
    return own_vote_payload(participant.assessment.framework.scale, vote)


def own_vote_payload(scale, vote) -> dict:
    return {
        "round": vote.round_id,
        "level": DONT_KNOW if vote.level is None else str(vote.level),
        "label": vote_label(scale, vote),
    }


_rendered: OrderedDict[tuple[int, str], str] = OrderedDict()
_rendered_lock = threading.Lock()


def room_state(assessment_id: int) -> dict:
    """The state every phone in the room shares: a few queries, and a render only when the
    state is new to this process (a room reconnecting at once renders it once)."""
    assessment = (
        Assessment.objects.select_related("framework_version", "organisation")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        return {"key": "waiting", "state": "waiting", "round": None, "html": "", "deadline": None}
    context = phone_context(assessment)
    cache_key = (assessment_id, context["key"])
    with _rendered_lock:
        html = _rendered.get(cache_key)
    if html is None:
        html = render_to_string(
            REGION_TEMPLATE,
            {
                **context,
                "choices": choices(context, assessment.framework.scale),
                "form": None,
            },
        )
        with _rendered_lock:
            _rendered[cache_key] = html
            while len(_rendered) > _RENDERED_KEEP:
                _rendered.popitem(last=False)
    deadline = context.get("deadline")
    return {
        "key": context["key"],
        "state": context["state"],
        "round": context["round"].pk if context.get("round") else None,
        "html": html,
        "deadline": deadline.timestamp() if deadline else None,
    }
