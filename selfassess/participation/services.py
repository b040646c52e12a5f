"""What a participant can do: open their link, save answers, submit, join with a code.

Participants have no account. Their personal link carries a token; opening it puts the
participant's id in the (server-side) session, and every later page works from the session
alone, so the token never appears in later addresses, browser history or Referer headers.

Every write re-reads the participant and its assessment inside the transaction, with the
participant's row locked: a link revoked, or an assessment closed, a moment before the write
is honoured, and two copies of the same post (a double click, a replayed request) are applied
one after the other, so they leave one response per statement and one completion.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from selfassess.assessments import closing, join_codes
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment, Participant, Response
from selfassess.assessments.tokens import hash_token, new_token

SESSION_KEY = "participant_id"
LEFT_KEY = "participation_left"  # where the journey was last left: the "saved" or "done" page
COMMENT_MAX_LENGTH = 2000


class Barrier(enum.Enum):
    """Why a participant cannot answer now; each has its own page and status code."""

    NO_SESSION = "no_session"
    UNKNOWN = "unknown"  # no such link, or the facilitator revoked it
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    PAST_CLOSING_DATE = "past_closing_date"  # still open, but its closing date has ended


class Refused(Exception):
    """A write was refused; nothing was changed."""

    def __init__(self, barrier: Barrier):
        self.barrier = barrier
        super().__init__(barrier.value)


def barrier_for(participant: Participant | None) -> Barrier | None:
    """None when the participant may answer now, otherwise the reason they may not."""
    if participant is None or participant.revoked_at is not None:
        return Barrier.UNKNOWN
    return _barrier_for_assessment(participant.assessment)


# -- the session ----------------------------------------------------------------------------


def begin_session(request, participant: Participant) -> None:
    """Remember the participant for this browser, under a new session key (no fixation)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = participant.pk
    request.session.pop(LEFT_KEY, None)


def end_session(request) -> None:
    request.session.pop(SESSION_KEY, None)


def participant_in_session(request) -> Participant | None:
    participant_id = request.session.get(SESSION_KEY)
    if not isinstance(participant_id, int):
        return None
    return (
        Participant.objects.select_related(
            "assessment__framework_version", "assessment__organisation", "group"
        )
        .filter(pk=participant_id)
        .first()
    )


# -- answers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One statement's answer from a page: a level, or None for "don't know"."""

    statement_id: str
    level: int | None
    comment: str


def answers_by_statement(participant: Participant) -> dict[str, Response]:
    """The participant's saved responses to statements of their framework, in one query."""
    ids = [statement.id for statement in participant.assessment.framework.statements()]
    return {
        response.statement_id: response
        for response in participant.responses.filter(statement_id__in=ids)
    }


def save_answers(participant: Participant, answers: list[Answer], resume_component_id: str):
    """Store a page of answers in one transaction, or refuse and store nothing.

    Answers must already be validated against the framework (the form does that); this
    checks again that every statement belongs to the framework and every level is on its
    scale, because storing a stray statement id would corrupt the results for good.
    """
    framework = participant.assessment.framework
    known = {statement.id for statement in framework.statements()}
    if len({answer.statement_id for answer in answers}) != len(answers):
        raise ValueError("a statement is answered twice")
    for answer in answers:
        if len(answer.comment) > COMMENT_MAX_LENGTH:
            raise ValueError(f"the comment on {answer.statement_id!r} is too long")
        if answer.statement_id not in known:
            raise ValueError(f"{answer.statement_id!r} is not a statement of this framework")
        if answer.level is not None and answer.level not in framework.scale.values:
            raise ValueError(f"level {answer.level!r} is not on this framework's scale")
    with transaction.atomic():
        locked = _lock_answering(participant)
        existing = {
            response.statement_id: response
            for response in locked.responses.filter(
                statement_id__in=[answer.statement_id for answer in answers]
            )
        }
        changed, new = [], []
        for answer in answers:
            response = existing.get(answer.statement_id)
            if response is None:
                new.append(
                    Response(
                        participant=locked,
                        statement_id=answer.statement_id,
                        level=answer.level,
                        comment=answer.comment,
                    )
                )
            elif (response.level, response.comment) != (answer.level, answer.comment):
                response.level, response.comment = answer.level, answer.comment
                response.updated_at = timezone.now()
                changed.append(response)
        if changed:
            Response.objects.bulk_update(changed, ["level", "comment", "updated_at"])
        if new:
            Response.objects.bulk_create(new)
        locked.resume_component_id = resume_component_id
        fields = ["resume_component_id"]
        if locked.started_at is None:
            locked.started_at = timezone.now()
            fields.append("started_at")
        locked.save(update_fields=fields)
    participant.resume_component_id = locked.resume_component_id
    participant.started_at = locked.started_at


def unanswered_statements(participant: Participant, responses=None):
    responses = answers_by_statement(participant) if responses is None else responses
    return [s for s in participant.assessment.framework.statements() if s.id not in responses]


def submit(participant: Participant) -> bool:
    """Mark the participant's answers as submitted; the first submission's time is kept.

    Returns False, changing nothing, while any statement is unanswered ("don't know" is an
    answer, so nobody is made to guess). Submitting again is harmless: it changes nothing.
    """
    with transaction.atomic():
        locked = _lock_answering(participant)
        if unanswered_statements(locked):
            return False
        if locked.completed_at is None:
            locked.completed_at = timezone.now()
            locked.save(update_fields=["completed_at"])
    participant.completed_at = locked.completed_at
    return True


def _lock_answering(participant: Participant) -> Participant:
    """Re-read and lock the participant; raise Refused if they may no longer answer."""
    locked = (
        Participant.objects.select_for_update()
        .select_related("assessment__framework_version")
        .filter(pk=participant.pk)
        .first()
    )
    barrier = barrier_for(locked)
    if barrier is not None:
        raise Refused(barrier)
    return locked


def resume_point(participant: Participant, responses=None) -> tuple[int, str] | None:
    """Where a returning participant picks up: the 1-based section page of the first statement
    they have not answered, and that statement's id; None when every statement is answered.

    The first unanswered statement, not the last section saved: someone who skipped a
    statement near the start would otherwise never be shown it again before the check page.
    """
    missing = unanswered_statements(participant, responses)
    if not missing:
        return None
    first = missing[0]
    framework = participant.assessment.framework
    for position, component in enumerate(framework.components, start=1):
        if any(statement.id == first.id for statement in component.statements):
            return position, first.id
    return 1, first.id


# -- the introduction ------------------------------------------------------------------------


# -- joining with a code ---------------------------------------------------------------------


def join(assessment: Assessment, group) -> tuple[Participant, str]:
    """Create a participant for someone joining in a room; returns it with its one token.

    The assessment row is locked while the group's joiners are counted and the participant
    added, so the facilitator's cap holds when many phones join at once."""
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        current.organisation = assessment.organisation
        barrier = _barrier_for_assessment(current)
        if barrier is not None:
            raise Refused(barrier)
        if group.assessment_id != current.pk:
            raise ValueError("the group belongs to another assessment")
        join_codes.check_room(current, group)
        participant, token = Participant.invite(current, group, joined_by_code=True)
    return participant, token


def _barrier_for_assessment(assessment: Assessment) -> Barrier | None:
    if assessment.status == Status.DRAFT:
        return Barrier.NOT_OPEN_YET
    if assessment.status != Status.OPEN:
        return Barrier.CLOSED
    if not closing.takes_answers(assessment):
        return Barrier.PAST_CLOSING_DATE
    return None


def new_link(participant: Participant) -> str:
    """Give a participant who has just joined by code the link they will be shown, once.

    The link's token is made when the page showing it is drawn, so no copy of it is ever kept
    anywhere, the session included: the session only says which participant still has to be
    shown their link. A token made at joining is replaced, unseen."""
    token = new_token()
    Participant.objects.filter(pk=participant.pk).update(token_hash=hash_token(token))
    participant.token_hash = hash_token(token)
    return token
