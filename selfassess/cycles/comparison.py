"""Comparing two cycles of one organisation: what moved, what is newly contested, and what
the earlier plan did about it.

Plain functions over analysis results and consensus values: ``compare_cycles`` takes two
``Cycle`` records (built from the database by ``loading.cycle``) and returns a ``Comparison``.
``compare(earlier_assessment, later_assessment)`` does both steps for callers that hold
assessments, such as the board report.

Definitions, so every figure on the page has one meaning:

* Statements are matched by their framework id. When the cycles used different versions of
  the framework, only statements present in both are compared; the others are listed as not
  comparable, with the reason. If the two versions have different scales, no level can be
  compared with another and every statement is listed as not comparable.
* A statement's median is the median of everyone's rated answers in that cycle (the overall
  figure of ``selfassess.analysis``; "don't know" is never a level). Its agreed level is the
  current level the workshop recorded (``ConsensusRating.current_level``).
* A component's median in a comparison pools the answers to the statements it shares with the
  other cycle, so both cycles are measured on the same statements. When nothing changed in the
  framework this is exactly the component median of the results pages. Its agreed level is the
  median of the agreed levels of its shared statements that have an agreed level in both
  cycles, again so that like is compared with like.
* Change is later minus earlier; it is None when either side has no figure.
* A statement *moved* when its median or its agreed level changed. "Moved up most" and "moved
  down most" rank statements by the change in median (then in agreed level, then framework
  order), because the median is the view of everyone who answered.
* A statement *started* being contested when it was not contested in the earlier cycle and is
  in the later one, and *stopped* the other way round (see ``analysis.agreement``).
* The earlier plan's actions for a statement are the actions of the earlier cycle's plan that
  name the statement; those whose status is done are the ones reported as done.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median

from selfassess.analysis import DONT_KNOW, AssessmentAnalysis, Summary, summarise
from selfassess.frameworks.schema import Framework

MOST = 5
"""How many statements the "moved up most" and "moved down most" lists hold."""

DONE = "done"


@dataclass(frozen=True)
class PlanAction:
    """An action of a cycle's development plan, as far as a comparison needs it."""

    title: str
    status: str
    statement_ids: tuple[str, ...] = ()
    component_ids: tuple[str, ...] = ()

    @property
    def is_done(self) -> bool:
        return self.status == DONE


@dataclass(frozen=True)
class Cycle:
    """One cycle's figures: its framework snapshot, analysis, agreed levels and plan."""

    key: object
    label: str
    framework: Framework
    analysis: AssessmentAnalysis
    agreed: Mapping[str, int] = field(default_factory=dict)
    actions: tuple[PlanAction, ...] = ()


def change(earlier: float | None, later: float | None) -> float | None:
    if earlier is None or later is None:
        return None
    return later - earlier


@dataclass(frozen=True)
class StatementChange:
    statement_id: str
    number: str
    """Its place in the later framework: "2.3" is component 2, statement 3."""
    text: str
    component_id: str
    earlier_median: float | None
    later_median: float | None
    earlier_agreed: int | None
    later_agreed: int | None
    earlier_contested: bool
    later_contested: bool
    reworded: bool
    earlier_actions: tuple[PlanAction, ...]

    @property
    def median_change(self) -> float | None:
        return change(self.earlier_median, self.later_median)

    @property
    def agreed_change(self) -> float | None:
        return change(self.earlier_agreed, self.later_agreed)

    @property
    def moved(self) -> bool:
        return bool(self.median_change) or bool(self.agreed_change)

    @property
    def contest_change(self) -> str | None:
        """ "started" or "stopped" being contested, or None when that did not change."""
        if self.later_contested and not self.earlier_contested:
            return "started"
        if self.earlier_contested and not self.later_contested:
            return "stopped"
        return None

    @property
    def done_actions(self) -> tuple[PlanAction, ...]:
        return tuple(action for action in self.earlier_actions if action.is_done)


@dataclass(frozen=True)
class ComponentChange:
    component_id: str
    title: str
    statement_ids: tuple[str, ...]
    """The component's statements present in both cycles, in the later framework's order."""
    earlier: Summary
    later: Summary
    earlier_agreed: float | None
    later_agreed: float | None
    agreed_statements: int
    """How many shared statements have an agreed level in both cycles."""
    earlier_actions: tuple[PlanAction, ...]
    """Actions of the earlier plan that name the component itself."""

    @property
    def median_change(self) -> float | None:
        return change(self.earlier.median, self.later.median)

    @property
    def agreed_change(self) -> float | None:
        return change(self.earlier_agreed, self.later_agreed)


@dataclass(frozen=True)
class NotComparable:
    statement_id: str
    text: str
    reason: str


@dataclass(frozen=True)
class Comparison:
    earlier_label: str
    later_label: str
    earlier_version: str
    later_version: str
    scale_matches: bool
    components: list[ComponentChange]
    statements: list[StatementChange]
    not_comparable: list[NotComparable]

    @property
    def same_version(self) -> bool:
        return self.earlier_version == self.later_version

    @property
    def moved(self) -> list[StatementChange]:
        return [statement for statement in self.statements if statement.moved]

    @property
    def moved_up(self) -> list[StatementChange]:
        rising = [s for s in self.statements if (s.median_change or 0) > 0]
        rising.sort(key=lambda s: (-s.median_change, -(s.agreed_change or 0)))
        return rising[:MOST]

    @property
    def moved_down(self) -> list[StatementChange]:
        falling = [s for s in self.statements if (s.median_change or 0) < 0]
        falling.sort(key=lambda s: (s.median_change, s.agreed_change or 0))
        return falling[:MOST]

    @property
    def started_contested(self) -> list[StatementChange]:
        return [s for s in self.statements if s.contest_change == "started"]

    @property
    def stopped_contested(self) -> list[StatementChange]:
        return [s for s in self.statements if s.contest_change == "stopped"]

    @property
    def moved_with_actions(self) -> list[StatementChange]:
        """Statements that moved and that the earlier plan had actions for."""
        return [s for s in self.moved if s.earlier_actions]


def _pooled_counts(summaries: Iterable[Summary]) -> dict:
    pooled: dict = {}
    for summary in summaries:
        for level, count in summary.distribution.items():
            pooled[level] = pooled.get(level, 0) + count
        if summary.dont_know:
            pooled[DONT_KNOW] = pooled.get(DONT_KNOW, 0) + summary.dont_know
    return pooled


def pooled_summary(analysis: AssessmentAnalysis, statement_ids: Sequence[str]) -> Summary:
    """Every answer to ``statement_ids`` counted once, as a component's figures are."""
    summaries = [analysis.statements[sid].overall for sid in statement_ids]
    return summarise(_pooled_counts(summaries), analysis.levels)


def _median_or_none(values: Sequence[int]) -> float | None:
    return float(median(values)) if values else None


def _actions_naming(actions, *, statement_id=None, component_id=None):
    if statement_id is not None:
        return tuple(a for a in actions if statement_id in a.statement_ids)
    return tuple(a for a in actions if component_id in a.component_ids)


def _not_comparable(earlier: Cycle, later: Cycle, shared: set[str]) -> list[NotComparable]:
    if earlier.framework.scale.values != later.framework.scale.values:
        reason = (
            f"The scales differ ({len(earlier.framework.scale.values)} levels in "
            f"{earlier.label}, {len(later.framework.scale.values)} in {later.label}), so levels "
            "cannot be compared."
        )
        every = {s.id: s.text for s in later.framework.statements()}
        every.update({s.id: s.text for s in earlier.framework.statements() if s.id not in every})
        return [NotComparable(sid, text, reason) for sid, text in every.items()]
    rows = [
        NotComparable(s.id, s.text, f"Only in {earlier.label}: removed from the framework.")
        for s in earlier.framework.statements()
        if s.id not in shared
    ]
    rows += [
        NotComparable(s.id, s.text, f"Only in {later.label}: new in the framework.")
        for s in later.framework.statements()
        if s.id not in shared
    ]
    return rows


def compare_cycles(earlier: Cycle, later: Cycle) -> Comparison:
    """Everything the comparison page shows, for ``earlier`` and ``later`` (see above)."""
    scale_matches = earlier.framework.scale.values == later.framework.scale.values
    earlier_statements = {s.id: s for s in earlier.framework.statements()}
    shared = set()
    if scale_matches:
        shared = {s.id for s in later.framework.statements() if s.id in earlier_statements}

    statements, components = [], []
    for c_index, component in enumerate(later.framework.components, start=1):
        shared_ids = []
        for s_index, statement in enumerate(component.statements, start=1):
            if statement.id not in shared:
                continue
            shared_ids.append(statement.id)
            before = earlier.analysis.statements[statement.id].overall
            after = later.analysis.statements[statement.id].overall
            statements.append(
                StatementChange(
                    statement_id=statement.id,
                    number=f"{c_index}.{s_index}",
                    text=statement.text,
                    component_id=component.id,
                    earlier_median=before.median,
                    later_median=after.median,
                    earlier_agreed=earlier.agreed.get(statement.id),
                    later_agreed=later.agreed.get(statement.id),
                    earlier_contested=before.contested,
                    later_contested=after.contested,
                    reworded=earlier_statements[statement.id].text != statement.text,
                    earlier_actions=_actions_naming(earlier.actions, statement_id=statement.id),
                )
            )
        if not shared_ids:
            continue
        both_agreed = [sid for sid in shared_ids if sid in earlier.agreed and sid in later.agreed]
        components.append(
            ComponentChange(
                component_id=component.id,
                title=component.title,
                statement_ids=tuple(shared_ids),
                earlier=pooled_summary(earlier.analysis, shared_ids),
                later=pooled_summary(later.analysis, shared_ids),
                earlier_agreed=_median_or_none([earlier.agreed[sid] for sid in both_agreed]),
                later_agreed=_median_or_none([later.agreed[sid] for sid in both_agreed]),
                agreed_statements=len(both_agreed),
                earlier_actions=_actions_naming(earlier.actions, component_id=component.id),
            )
        )
    return Comparison(
        earlier_label=earlier.label,
        later_label=later.label,
        earlier_version=earlier.framework.version,
        later_version=later.framework.version,
        scale_matches=scale_matches,
        components=components,
        statements=statements,
        not_comparable=_not_comparable(earlier, later, shared),
    )


def compare(earlier_assessment, later_assessment) -> Comparison:
    """Compare two assessments of one organisation, earlier first.

    The database is read in ``loading`` (imported here, not at the top, so that the plain
    functions above can be used and tested without Django).
    """
    from .loading import check_comparable, cycle

    check_comparable(earlier_assessment, later_assessment)
    return compare_cycles(cycle(earlier_assessment), cycle(later_assessment))
