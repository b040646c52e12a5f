"""What each workshop screen shows, worked out here so templates only lay it out.

The default order of statements is the results app's "where to start the discussion"
ranking (``ranked_by_disagreement``: least agreement first), because a workshop has time for
a handful of statements and should spend it where views differ most.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from selfassess.disclosure import gate
from selfassess.results.services import Results, StatementRef, results_for

from . import services
from .models import ConsensusChange, RoundState, VoteRound
from .reveal import reveal_for


@dataclass(frozen=True)
class StatementItem:
    ref: StatementRef
    agreed: bool
    current: bool


def discussion_order(results: Results) -> list[StatementRef]:
    return [results.statement_refs[sid] for sid in results.analysis.ranked_by_disagreement()]


def agreed_statement_ids(assessment) -> set[str]:
    return set(
        assessment.consensus_ratings.filter(current_level__isnull=False).values_list(
            "statement_id", flat=True
        )
    )


def statement_list(assessment, current_id: str) -> list[StatementItem]:
    agreed = agreed_statement_ids(assessment)
    return [
        StatementItem(ref, ref.statement.id in agreed, ref.statement.id == current_id)
        for ref in discussion_order(results_for(assessment))
    ]


def neighbours(items: list[StatementItem]) -> tuple[StatementItem | None, StatementItem | None]:
    """The statements before and after the current one, in the discussion order."""
    for index, item in enumerate(items):
        if item.current:
            before = items[index - 1] if index > 0 else None
            after = items[index + 1] if index + 1 < len(items) else None
            return before, after
    return None, None


@dataclass(frozen=True)
class RoundView:
    """The state of the vote on the statement on screen, as of ``now``.

    ``state`` is what the room is told: "none", "open", "locked" (paused), "closed" (also when
    a countdown has run out) or "revealed".
    """

    round: object | None
    count: int
    reveal: object | None
    now: datetime = field(default_factory=timezone.now)
    earlier: list = field(default_factory=list)

    @property
    def state(self) -> str:
        return "none" if self.round is None else self.round.status(self.now)

    @property
    def round_id(self):
        return "" if self.round is None else self.round.pk

    @property
    def number(self) -> int:
        return 0 if self.round is None else self.round.number

    @property
    def timed_out(self) -> bool:
        return self.round is not None and self.round.timed_out(self.now)

    @property
    def deadline(self) -> datetime | None:
        if self.round is None or not self.round.is_open:
            return None
        return self.round.deadline

    @property
    def seconds_left(self) -> int | None:
        """Whole seconds until the countdown ends (rounded up), or None with no countdown."""
        if self.deadline is None:
            return None
        left = (self.deadline - self.now).total_seconds()
        return max(0, int(-(-left // 1)))

    @property
    def key(self) -> str:
        """Changes whenever what the facilitator sees changes, so control pages update."""
        deadline = self.deadline.isoformat() if self.deadline else ""
        return f"{self.round_id}-{self.state}-{self.count}-{deadline}"


def clock(seconds: int | None) -> str:
    """A countdown as the room reads it: 1:05, 0:09."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass(frozen=True)
class EarlierRound:
    """A revealed round before the latest on this statement, for the history."""

    number: int
    votes: int
    median: str
    withheld: str | None


def round_view(session, assessment) -> RoundView:
    latest = services.latest_round(session)
    reveal = None
    if latest is not None and latest.state == RoundState.REVEALED:
        reveal = reveal_for(assessment, latest)
    return RoundView(
        latest, gate.votes_cast(latest), reveal, earlier=earlier_rounds(assessment, latest)
    )


def earlier_rounds(assessment, latest) -> list[EarlierRound]:
    """Every revealed round on the latest round's statement before it, in this session, with
    its figures as the gate shows them: a re-vote keeps the first vote in the history."""
    if latest is None:
        return []
    rounds = VoteRound.objects.filter(
        session=latest.session_id,
        statement_id=latest.statement_id,
        state=RoundState.REVEALED,
        number__lt=latest.number,
    ).order_by("number")
    history = []
    for each in rounds:
        shown = reveal_for(assessment, each)
        history.append(
            EarlierRound(each.number, gate.votes_cast(each), shown.live_median, shown.live_withheld)
        )
    return history


def screen_key(session, vote: RoundView) -> str:
    """Changes whenever what the shared screen shows changes (and only then: a hidden count
    is not part of it)."""
    count = vote.count if session.show_count or vote.state != "open" else ""
    deadline = vote.deadline.isoformat() if vote.deadline else ""
    return (
        f"{session.pk}-{session.current_statement_id}-{vote.round_id}-{vote.state}-{count}-"
        f"{deadline}-{int(session.show_count)}{int(session.screen_blank)}"
    )


def statement_ref(assessment, statement_id) -> StatementRef:
    framework = assessment.framework
    for c_index, component in enumerate(framework.components, start=1):
        for s_index, statement in enumerate(component.statements, start=1):
            if statement.id == statement_id:
                return StatementRef(f"{c_index}.{s_index}", statement, component)
    raise KeyError(statement_id)


def history(rating) -> list[ConsensusChange]:
    if rating is None:
        return []
    return list(rating.changes.select_related("changed_by"))


def level_name(scale, value) -> str:
    if value is None:
        return "Not recorded"
    return f"{value} {scale.level(value).name}"


def describe_position(scale, values: dict | None) -> str:
    """A history entry's before or after in words, for the table."""
    if values is None:
        return "Not agreed before"
    return (
        f"Current {level_name(scale, values.get('current_level'))}; "
        f"target {level_name(scale, values.get('target_level'))}. "
        f"Rationale: {values.get('rationale') or 'none'}. "
        f"Evidence: {values.get('evidence') or 'none'}."
    )


@dataclass(frozen=True)
class SummaryRow:
    ref: StatementRef
    rating: object | None

    @property
    def agreed(self) -> bool:
        return self.rating is not None and self.rating.current_level is not None


def consensus_summary(assessment) -> list[tuple[object, list[SummaryRow], int]]:
    """Per component: its statements with their agreed positions, and how many are agreed."""
    ratings = {r.statement_id: r for r in assessment.consensus_ratings.all()}
    sections = []
    for c_index, component in enumerate(assessment.framework.components, start=1):
        rows = [
            SummaryRow(
                StatementRef(f"{c_index}.{s_index}", statement, component),
                ratings.get(statement.id),
            )
            for s_index, statement in enumerate(component.statements, start=1)
        ]
        sections.append((component, rows, sum(1 for row in rows if row.agreed)))
    return sections
