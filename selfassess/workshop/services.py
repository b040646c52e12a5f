"""Running a live session: starting it, choosing statements, opening, closing and revealing
votes, and casting a vote.

Every change runs in a transaction on locked rows and checks the state it expects, so a double
click, a second facilitator or a phone resending a vote changes nothing twice:

* the facilitator's actions lock the session row; a round is opened, closed or revealed by a
  conditional UPDATE on its state;
* a vote holds a shared lock on its round while it is written (``FOR SHARE`` on PostgreSQL,
  in the one statement that checks the round and writes the vote; SQLite runs one write
  transaction at a time anyway), so closing a round waits for votes already under way and no
  vote lands after the close. Votes do not block each other;
* a vote is an upsert on the (round, participant) unique constraint: voting again while the
  round is open changes the same row.

Moving to another statement closes the round that was open, keeping its votes.

The presenter's switches (lock, countdown, count on screen, blank screen) and the moves between
statements are set to a value rather than toggled, and a move names the statement the page was
on: two facilitators pressing "next" at the same moment move the room once, and a page that is
out of date changes nothing.

A countdown is a deadline on the round, checked when a vote arrives, so it holds whether or
not any screen is running JavaScript; a round whose time is up counts as closed.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment, Participant
from selfassess.assessments.services import ensure_join_code

from . import live
from .models import LiveSession, RoundState, SessionState, Vote, VoteRound

WORKSHOP_STATUSES = (Status.OPEN, Status.CLOSED)


class NotAllowed(Exception):
    """A change the current state does not allow; the message says why, for the page."""


def live_session(assessment) -> LiveSession | None:
    return LiveSession.objects.filter(assessment=assessment, state=SessionState.LIVE).first()


def start_session(assessment, user, first_statement_id=None) -> LiveSession:
    """The assessment's live session, started now unless one is already running, on
    ``first_statement_id`` (the top of the discussion order) or else the first statement."""
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        live.announce_change(current.pk)
        if current.status not in WORKSHOP_STATUSES:
            raise NotAllowed(
                "A workshop can only run while the assessment is open or closed: a draft has "
                "no answers yet, and a complete assessment's positions are final."
            )
        existing = live_session(current)
        if existing is not None:
            return existing
        # The room joins by code: an assessment that never went through opening (imported,
        # say) has none yet.
        ensure_join_code(current)
        ids = [statement.id for statement in current.framework.statements()]
        first = first_statement_id if first_statement_id in ids else ids[0]
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    assessment=current, started_by=user, current_statement_id=first
                )
        except IntegrityError:
            return live_session(current)


def end_session(session: LiveSession) -> None:
    with transaction.atomic():
        locked = _lock(session)
        live.announce_change(locked.assessment_id)
        if not locked.is_live:
            return
        _close_open_rounds(locked)
        locked.state = SessionState.ENDED
        locked.ended_at = timezone.now()
        locked.save(update_fields=["state", "ended_at"])


def show_statement(
    session: LiveSession, statement_id: str, *, from_statement_id: str | None = None
) -> None:
    """Put a statement on every screen; a vote open on another statement closes, kept.

    ``from_statement_id`` is the statement the facilitator's page showed: when the room has
    moved on since (another facilitator pressed first), nothing changes, so "next" pressed
    twice at once moves once.
    """
    session.assessment.framework.statement(statement_id)  # KeyError for a stranger
    with transaction.atomic():
        locked = _lock_live(session)
        live.announce_change(locked.assessment_id)
        if locked.current_statement_id == statement_id:
            return
        if from_statement_id is not None and from_statement_id != locked.current_statement_id:
            raise NotAllowed(
                "The screen moved to another statement after your page was loaded (perhaps "
                "in another window), so it stays where it is. Check the page and try again."
            )
        _close_open_rounds(locked)
        locked.current_statement_id = statement_id
        locked.save(update_fields=["current_statement_id"])


def latest_round(session: LiveSession, statement_id: str | None = None) -> VoteRound | None:
    statement_id = statement_id or session.current_statement_id
    return (
        VoteRound.objects.filter(session=session, statement_id=statement_id)
        .order_by("-number")
        .first()
    )


def open_vote(
    session: LiveSession, expected_round_id: int | None, *, seconds: int | None = None
) -> VoteRound:
    """Open voting on the current statement, for ``seconds`` if given (a countdown).

    A closed round that has not been revealed opens again (its votes are still blind), as does
    an open one whose time is up; after a reveal a new round starts, so the room can vote
    again after discussing, and both rounds are kept. The caller names the round its page
    showed (None for none); if that is no longer the latest, nothing changes.
    """
    with transaction.atomic():
        locked = _lock_live(session)
        live.announce_change(locked.assessment_id)
        latest = latest_round(locked)
        _expect(latest, expected_round_id)
        now = timezone.now()
        deadline = _deadline(now, seconds)
        if latest is not None and latest.takes_votes(now):
            return latest
        if latest is not None and latest.state in (RoundState.OPEN, RoundState.CLOSED):
            VoteRound.objects.filter(pk=latest.pk).update(
                state=RoundState.OPEN, closed_at=None, locked_at=None, deadline=deadline
            )
            latest.refresh_from_db()
            return latest
        _close_open_rounds(locked)
        number = (latest.number + 1) if latest else 1
        return VoteRound.objects.create(
            session=locked,
            statement_id=locked.current_statement_id,
            number=number,
            opened_at=now,
            deadline=deadline,
        )


def set_countdown(session: LiveSession, expected_round_id: int | None, seconds: int | None):
    """Give the open vote ``seconds`` from now (a new countdown replaces one running), or no
    time limit when ``seconds`` is None."""
    with transaction.atomic():
        latest = _open_round(_lock_live(session), expected_round_id)
        live.announce_change(session.assessment_id)
        VoteRound.objects.filter(pk=latest.pk).update(deadline=_deadline(timezone.now(), seconds))


def lock_vote(session: LiveSession, expected_round_id: int | None, *, locked: bool) -> None:
    """Pause the open vote (no vote is taken or changed, the round stays open) or resume it."""
    with transaction.atomic():
        latest = _open_round(_lock_live(session), expected_round_id)
        live.announce_change(session.assessment_id)
        if (latest.locked_at is not None) != locked:
            VoteRound.objects.filter(pk=latest.pk).update(
                locked_at=timezone.now() if locked else None
            )


def show_count(session: LiveSession, *, shown: bool) -> None:
    """Whether the shared screen shows how many have voted while voting is open."""
    _set_screen(session, show_count=shown)


def blank_screen(session: LiveSession, *, blank: bool) -> None:
    _set_screen(session, screen_blank=blank)


def _set_screen(session: LiveSession, **values) -> None:
    with transaction.atomic():
        locked = _lock_live(session)
        live.announce_change(locked.assessment_id)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(values))


def close_vote(session: LiveSession, expected_round_id: int | None) -> None:
    with transaction.atomic():
        locked = _lock_live(session)
        live.announce_change(locked.assessment_id)
        latest = latest_round(locked)
        _expect(latest, expected_round_id)
        if latest is None:
            raise NotAllowed("Open the vote first.")
        VoteRound.objects.filter(pk=latest.pk, state=RoundState.OPEN).update(
            state=RoundState.CLOSED, closed_at=_closing_time(timezone.now())
        )


def reveal_vote(session: LiveSession, expected_round_id: int | None) -> None:
    """Show the votes; an open round is closed first, in the same step."""
    with transaction.atomic():
        locked = _lock_live(session)
        live.announce_change(locked.assessment_id)
        latest = latest_round(locked)
        _expect(latest, expected_round_id)
        if latest is None:
            raise NotAllowed("Open the vote first: there is nothing to reveal.")
        now = timezone.now()
        VoteRound.objects.filter(pk=latest.pk, state=RoundState.OPEN).update(
            state=RoundState.CLOSED, closed_at=_closing_time(now)
        )
        VoteRound.objects.filter(pk=latest.pk, state=RoundState.CLOSED).update(
            state=RoundState.REVEALED, revealed_at=now
        )


class VoteRefused(Exception):
    """The vote was not stored; the message says why, for the phone."""


def cast_vote(participant: Participant, round_id: int, level: int | None) -> Vote:
    """Store or change the participant's vote in an open round of their assessment."""
    if participant.revoked_at is not None:
        raise VoteRefused("Your link no longer works. Ask the facilitator for a new one.")
    now = timezone.now()
    scale = participant.assessment.framework.scale
    if (level is None or level in scale.values) and _store_if_taking_votes(
        participant, round_id, level, now
    ):
        live.announce_vote(participant.assessment_id)
        return Vote(
            round_id=round_id, participant=participant, level=level, created_at=now, updated_at=now
        )
    # Not stored by the one statement (or not PostgreSQL): the full transaction below says why
    # (or, on SQLite, stores it). The round's framework is the participant's, since a round
    # of another assessment is refused first.
    with transaction.atomic():
        round_ = _share_lock_round(round_id)
        if round_ is None or round_.session.assessment_id != participant.assessment_id:
            raise VoteRefused("This vote is not part of your workshop.")
        if not (round_.session.is_live and round_.is_open):
            raise VoteRefused("Voting on this statement has closed, so your vote was not changed.")
        if round_.timed_out():
            raise VoteRefused(
                "Time is up: voting on this statement has closed, so your vote was not changed."
            )
        if round_.locked_at is not None:
            raise VoteRefused(
                "Voting is paused, so your vote was not changed. Try again when the facilitator "
                "starts it again."
            )
        if level is not None and level not in scale.values:
            raise VoteRefused("Choose one of the levels shown.")
        vote = Vote(
            round=round_, participant=participant, level=level, created_at=now, updated_at=now
        )
        Vote.objects.bulk_create(
            [vote],
            update_conflicts=True,
            unique_fields=["round", "participant"],
            update_fields=["level", "updated_at"],
        )
        live.announce_vote(participant.assessment_id)
    # Committed: the row holds this level now (a first vote's created_at is this one's; a
    # changed vote keeps its first, which nothing shown depends on). No read back, since in a
    # room's rush every query counts.
    return vote


def vote_of(participant: Participant, round_: VoteRound | None) -> Vote | None:
    if round_ is None:
        return None
    return vote_of_in_round(participant, round_.pk)


def vote_of_in_round(participant: Participant, round_id: int) -> Vote | None:
    return Vote.objects.filter(round_id=round_id, participant=participant).first()


# -- locking ----------------------------------------------------------------------------------


def _lock(session: LiveSession) -> LiveSession:
    return (
        LiveSession.objects.select_for_update()
        .select_related("assessment__framework_version")
        .get(pk=session.pk)
    )


def _lock_live(session: LiveSession) -> LiveSession:
    locked = _lock(session)
    if not locked.is_live:
        raise NotAllowed("This live session has ended. Start a new one to carry on.")
    return locked


def _expect(latest: VoteRound | None, expected_round_id: int | None) -> None:
    if (latest.pk if latest else None) != expected_round_id:
        raise NotAllowed(
            "The vote changed after your page was loaded (perhaps in another window), so "
            "nothing was changed. Check the page and try again."
        )


def _open_round(session: LiveSession, expected_round_id: int | None) -> VoteRound:
    latest = latest_round(session)
    _expect(latest, expected_round_id)
    if latest is None or not latest.is_open or latest.timed_out():
        raise NotAllowed("Voting is not open on this statement: open the vote first.")
    return latest


def _deadline(now, seconds: int | None):
    return None if seconds is None else now + timedelta(seconds=seconds)


def _closing_time(now):
    """When a round closes: now, or when its countdown ended if that was earlier."""
    return Least(Coalesce("deadline", Value(now)), Value(now))


def _close_open_rounds(session: LiveSession) -> None:
    VoteRound.objects.filter(session=session, state=RoundState.OPEN).update(
        state=RoundState.CLOSED, closed_at=_closing_time(timezone.now())
    )


def _store_if_taking_votes(participant: Participant, round_id: int, level, now) -> bool:
    """On PostgreSQL, store the vote in one statement if its round takes votes; True if stored.

    The same checks and the same lock as the transaction in ``cast_vote``, in one round trip
    to the database instead of five: the round row is share-locked (``FOR SHARE OF``) while
    the vote is written, so a close or a lock waits for it, and a vote that waited for a close
    sees the closed round (PostgreSQL checks the conditions again on the row's new version)
    and stores nothing. A room of a thousand phones voting within seconds is where the round
    trips count. False says only "not stored": the caller finds out why."""
    if connection.vendor != "postgresql":
        return False
    vote, round_, session = Vote._meta, VoteRound._meta, LiveSession._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {vote.db_table} (round_id, participant_id, level, created_at, updated_at)
            SELECT r.id, %(participant)s, %(level)s, %(now)s, %(now)s
            FROM {round_.db_table} r JOIN {session.db_table} s ON s.id = r.session_id
            WHERE r.id = %(round)s AND s.assessment_id = %(assessment)s AND s.state = %(live)s
              AND r.state = %(open)s AND r.locked_at IS NULL
              AND (r.deadline IS NULL OR r.deadline > %(now)s)
            FOR SHARE OF r
            ON CONFLICT (round_id, participant_id)
            DO UPDATE SET level = EXCLUDED.level, updated_at = EXCLUDED.updated_at
            RETURNING id
            """,  # noqa: S608 - table names from the models, every value a parameter
            {
                "participant": participant.pk,
                "level": level,
                "now": now,
                "round": round_id,
                "assessment": participant.assessment_id,
                "live": SessionState.LIVE,
                "open": RoundState.OPEN,
            },
        )
        return cursor.fetchone() is not None


def _share_lock_round(round_id: int) -> VoteRound | None:
    """The round, held against closing until this transaction ends (see the module doc)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {VoteRound._meta.db_table} WHERE id = %s FOR SHARE",  # noqa: S608
                [round_id],
            )
    return VoteRound.objects.select_related("session").filter(pk=round_id).first()
