"""Putting it together: one count table in, every figure of an assessment out.

``analyse(table, components, groups, k)`` returns an ``AssessmentAnalysis``:

* per statement: the overall ``Summary`` (everyone), a ``Summary`` or ``Suppressed`` per group
  and the largest gap between the medians of the groups shown;
* per component: the same over the *pooled* counts of its statements (every answer to every
  statement of the component counts once, so ``n`` counts answers, not people), plus r_wg(J),
  the multi-item agreement over its statements (see ``agreement``).

Small-group protection (see ``suppression``) is applied here, once, so that pages, reports and
exports all receive the same, already suppressed, result:

* statement level: ``suppressed_groups`` on each group's n for that statement (answers
  including don't know);
* component level: ``suppressed_groups`` on each group's people count for the component, taken
  as the maximum of its per-statement n (a lower bound on the distinct people; conservative).
  In addition a group hidden for any statement of the component in which it has answers is
  hidden for the component too. Otherwise, when people skip statements, a group could be shown
  for the component and for all statements but one, and the hidden statement's answers would be
  the component's pooled counts minus the others. With this rule the component reveals nothing
  that the statements do not. (When everyone answers every statement, a group's n is the same
  for all statements and the component, and the rule changes nothing.)

Group gap: among the groups shown that have a median, ``high_group`` has the highest median and
``low_group`` the lowest; ``gap = high_median - low_median`` (>= 0). Ties are broken by display
order: the earliest group among the highest medians, the latest among the lowest, so that with
all medians equal the gap is 0 between the first and last group. A suppressed group never takes
part. None when fewer than two groups are shown with a median.

Inputs are checked: ``k`` must be an integer >= 3; group ids, component ids and the statement
ids within a component must be unique; the table must not hold answers for a group missing from
``groups`` (its people would be in the totals but in no group, silently defeating the
complementary rule) or for a statement in no component. All raise ValueError.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .agreement import rwg_j
from .counts import Answer, CountTable
from .summary import Summary, position_pairs, sample_variance, summarise
from .suppression import (
    REASON_HIDDEN_IN_STATEMENT,
    Suppressed,
    check_k,
    component_group_ns,
    suppressed_groups,
)

GroupFigures = dict[str, Summary | Suppressed]


@dataclass(frozen=True)
class ComponentSpec:
    """A component of the framework and the ids of its statements, in display order."""

    id: str
    statement_ids: tuple[str, ...]

    def __post_init__(self) -> None:
        statement_ids = tuple(self.statement_ids)
        if not isinstance(self.id, str):
            raise ValueError(f"component ids must be strings, got {self.id!r}")
        for statement_id in statement_ids:
            if not isinstance(statement_id, str):
                raise ValueError(f"statement ids must be strings, got {statement_id!r}")
        if len(set(statement_ids)) != len(statement_ids):
            raise ValueError(f"component {self.id!r} lists a statement twice: {statement_ids!r}")
        object.__setattr__(self, "statement_ids", statement_ids)


@dataclass(frozen=True)
class GroupGap:
    """The largest difference between the medians of the groups shown (high minus low)."""

    high_group: str
    low_group: str
    high_median: float
    low_median: float
    gap: float


@dataclass(frozen=True)
class StatementResult:
    """One statement: everyone (``overall``), each group in display order, the group gap."""

    statement_id: str
    overall: Summary
    groups: GroupFigures
    gap: GroupGap | None


@dataclass(frozen=True)
class ComponentResult:
    """One component, over the pooled answers to its statements (``n`` counts answers).

    ``rwg_j`` is r_wg(J) over the statements with at least two rated answers (None if none).
    """

    component_id: str
    statement_ids: tuple[str, ...]
    overall: Summary
    rwg_j: float | None
    groups: GroupFigures
    gap: GroupGap | None


@dataclass(frozen=True)
class AssessmentAnalysis:
    """Every figure of one assessment; group breakdowns already suppressed with ``k``."""

    k: int
    levels: tuple[int, ...]
    groups: tuple[str, ...]
    statements: dict[str, StatementResult]
    components: dict[str, ComponentResult]

    def ranked_by_disagreement(self) -> list[str]:
        """Statement ids, most contested first: lowest r_wg, then largest IQR.

        Statements without an r_wg (fewer than two rated answers) come last. Ties keep the
        statement order.
        """

        def key(statement_id: str) -> tuple[bool, float, float]:
            overall = self.statements[statement_id].overall
            if overall.rwg is None or overall.iqr is None:
                return (True, 0.0, 0.0)
            return (False, overall.rwg, -overall.iqr)

        return sorted(self.statements, key=key)

    def ranked_by_group_gap(self) -> list[str]:
        """Statement ids, largest group gap first; statements without a gap last."""

        def key(statement_id: str) -> tuple[bool, float]:
            gap = self.statements[statement_id].gap
            return (True, 0.0) if gap is None else (False, -gap.gap)

        return sorted(self.statements, key=key)


def group_gap(groups: Mapping[str, Summary | Suppressed]) -> GroupGap | None:
    """The largest gap between the medians of the shown groups (see the module docstring)."""
    shown = [
        (group_id, figures.median)
        for group_id, figures in groups.items()
        if isinstance(figures, Summary) and figures.median is not None
    ]
    if len(shown) < 2:
        return None
    ordered = sorted(shown, key=lambda item: -item[1])  # stable: ties keep display order
    (high_group, high_median), (low_group, low_median) = ordered[0], ordered[-1]
    return GroupGap(
        high_group=high_group,
        low_group=low_group,
        high_median=high_median,
        low_median=low_median,
        gap=high_median - low_median,
    )


def _pool(distributions: Iterable[Mapping[Answer, int]]) -> dict[Answer, int]:
    pooled: dict[Answer, int] = {}
    for distribution in distributions:
        for answer, count in distribution.items():
            pooled[answer] = pooled.get(answer, 0) + count
    return pooled


def _group_figures(
    per_group: Mapping[str, Mapping[Answer, int]],
    hidden: Mapping[str, str],
    levels: tuple[int, ...],
) -> GroupFigures:
    return {
        group_id: (
            Suppressed(hidden[group_id]) if group_id in hidden else summarise(counts, levels)
        )
        for group_id, counts in per_group.items()
    }


def _check_unique(ids: Sequence[str], what: str) -> None:
    for item in ids:
        if not isinstance(item, str):
            raise ValueError(f"{what} ids must be strings, got {item!r}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"{what} ids must be unique, got {list(ids)!r}")


def analyse(
    table: CountTable,
    components: Sequence[ComponentSpec],
    groups: Sequence[str],
    k: int,
) -> AssessmentAnalysis:
    """Every figure of one assessment, with small groups suppressed (see the module docstring).

    ``groups`` lists every group id in display order; a group without answers appears with
    n = 0, suppressed. Statements appear in the order of ``components`` and, within a component,
    of its statement ids (a statement listed by two components appears once).
    """
    check_k(k)
    groups = tuple(groups)
    _check_unique(groups, "group")
    components = tuple(components)
    _check_unique([component.id for component in components], "component")
    levels = table.levels

    statement_order = list(
        dict.fromkeys(sid for component in components for sid in component.statement_ids)
    )
    nested = table.nested()
    unknown_statements = set(nested) - set(statement_order)
    if unknown_statements:
        raise ValueError(
            f"the count table has answers for statements in no component: "
            f"{sorted(unknown_statements)!r}"
        )
    unknown_groups = table.group_ids() - set(groups)
    if unknown_groups:
        raise ValueError(
            f"the count table has answers for groups not listed in groups: "
            f"{sorted(unknown_groups)!r}"
        )

    per_statement: dict[str, dict[str, Mapping[Answer, int]]] = {}
    statement_ns: dict[str, dict[str, int]] = {}
    statement_hidden: dict[str, dict[str, str]] = {}
    overall_counts: dict[str, dict[Answer, int]] = {}
    statements: dict[str, StatementResult] = {}
    for statement_id in statement_order:
        answers = nested.get(statement_id, {})
        per_group = {group_id: answers.get(group_id, {}) for group_id in groups}
        ns = {group_id: sum(counts.values()) for group_id, counts in per_group.items()}
        hidden = suppressed_groups(ns, k)
        figures = _group_figures(per_group, hidden, levels)
        per_statement[statement_id] = per_group
        statement_ns[statement_id] = ns
        statement_hidden[statement_id] = hidden
        overall_counts[statement_id] = _pool(per_group.values())
        statements[statement_id] = StatementResult(
            statement_id=statement_id,
            overall=summarise(overall_counts[statement_id], levels),
            groups=figures,
            gap=group_gap(figures),
        )

    component_results: dict[str, ComponentResult] = {}
    for component in components:
        sids = component.statement_ids
        pooled_by_group = {
            group_id: _pool(per_statement[sid][group_id] for sid in sids) for group_id in groups
        }
        ns = component_group_ns((statement_ns[sid] for sid in sids), groups)
        # A group hidden for a statement in which it has answers stays hidden here; one with no
        # answers to a statement has nothing there to protect.
        hidden_somewhere = {
            group_id: REASON_HIDDEN_IN_STATEMENT
            for sid in sids
            for group_id in statement_hidden[sid]
            if statement_ns[sid][group_id] > 0
        }
        hidden = suppressed_groups(ns, k, also_hide=hidden_somewhere)
        figures = _group_figures(pooled_by_group, hidden, levels)
        # r_wg(J): statements with at least two rated answers, variances on level positions.
        variances = [
            variance
            for sid in sids
            if (variance := sample_variance(position_pairs(overall_counts[sid], levels)))
            is not None
        ]
        agreement = rwg_j(variances, len(levels))
        component_results[component.id] = ComponentResult(
            component_id=component.id,
            statement_ids=sids,
            overall=summarise(_pool(pooled_by_group.values()), levels),
            rwg_j=None if agreement is None else float(agreement),
            groups=figures,
            gap=group_gap(figures),
        )

    return AssessmentAnalysis(
        k=k,
        levels=levels,
        groups=groups,
        statements=statements,
        components=component_results,
    )
