"""Putting it together: one count table in, every figure of an assessment out.

``analyse(table, components, groups, k, withheld=...)`` returns an ``AssessmentAnalysis``:

* per statement: the overall ``Summary`` (everyone), a ``Summary`` or ``Suppressed`` per group
  and the largest gap between the medians of the groups shown;
* per component: the same over the *pooled* counts of its statements, plus the mean of its
  statements' r_wg (see ``agreement``).

What may be shown is decided cell by cell (a cell is one statement for one group, or for
everyone) by ``disclosure.withheld_cells``: a cell needs at least k rated answers, and no sum
or difference of shown cells, in this release or against earlier ones, may isolate fewer than
k people. The disclosure gate of the service passes its decisions in as ``withheld``
(``{statement_id: {cell: reason}}``, ``OVERALL`` for everyone); without them, ``analyse``
works them out from the table alone, as for a first release with no imported answers.

A withheld statement keeps an empty ``overall`` (every figure None, n = 0) and carries the
reason in ``withheld``; a withheld group is ``Suppressed(reason)``.

Components are pooled from *shown cells only*: a component's figures for a group add up that
group's shown statement cells, and its overall figures the statements shown for everyone. A
component's figures are then sums of figures already shown, so they can reveal nothing the
statements do not, whatever people skipped. ``statements_pooled`` says how many statements a
component's overall figures cover.

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
from fractions import Fraction

from .agreement import mean_rwg
from .counts import Answer, CountTable
from .disclosure import OVERALL, withheld_cells_from_counts
from .summary import Summary, summarise
from .suppression import Suppressed, check_k

REASON_NOTHING_SHOWN = "hidden for every statement of this component"

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
    withheld: str | None = None


@dataclass(frozen=True)
class ComponentResult:
    """One component, over the pooled answers to its shown statements (``n`` counts answers).

    ``agreement`` is the mean r_wg of its shown statements that have one (None if none);
    ``statements_pooled`` is how many statements its overall figures add up.
    """

    component_id: str
    statement_ids: tuple[str, ...]
    overall: Summary
    agreement: float | None
    groups: GroupFigures
    gap: GroupGap | None
    statements_pooled: int = 0


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

        Statements without an r_wg (fewer than 5 rated answers, or withheld) come last. Ties
        keep the statement order.
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
    *,
    withheld: Mapping[str, Mapping[str, str]] | None = None,
) -> AssessmentAnalysis:
    """Every figure of one assessment, with what may not be shown withheld (see the module
    docstring).

    ``groups`` lists every group id in display order; a group without answers appears with
    n = 0, suppressed. Statements appear in the order of ``components`` and, within a component,
    of its statement ids (a statement listed by two components appears once).
    """
    check_k(k)
    groups = tuple(groups)
    _check_unique(groups, "group")
    if OVERALL in groups:
        raise ValueError(f"{OVERALL!r} names everyone's cell and cannot be a group id")
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

    empty = summarise({}, levels)
    per_statement: dict[str, dict[str, Mapping[Answer, int]]] = {}
    statement_hidden: dict[str, Mapping[str, str]] = {}
    statements: dict[str, StatementResult] = {}
    for statement_id in statement_order:
        answers = nested.get(statement_id, {})
        per_group = {group_id: answers.get(group_id, {}) for group_id in groups}
        if withheld is None:
            hidden = withheld_cells_from_counts(k, groups, per_group)
        else:
            hidden = dict(withheld.get(statement_id, {}))
        figures = _group_figures(per_group, hidden, levels)
        per_statement[statement_id] = per_group
        statement_hidden[statement_id] = hidden
        overall_hidden = hidden.get(OVERALL)
        statements[statement_id] = StatementResult(
            statement_id=statement_id,
            overall=empty if overall_hidden else summarise(_pool(per_group.values()), levels),
            groups=figures,
            gap=group_gap(figures),
            withheld=overall_hidden,
        )

    component_results: dict[str, ComponentResult] = {}
    for component in components:
        sids = component.statement_ids
        shown_overall = [sid for sid in sids if OVERALL not in statement_hidden[sid]]
        figures: GroupFigures = {}
        for group_id in groups:
            shown = [sid for sid in sids if group_id not in statement_hidden[sid]]
            if shown:
                pooled = _pool(per_statement[sid][group_id] for sid in shown)
                figures[group_id] = summarise(pooled, levels)
            else:
                figures[group_id] = Suppressed(REASON_NOTHING_SHOWN)
        pooled_overall = _pool(
            counts for sid in shown_overall for counts in per_statement[sid].values()
        )
        agreement = mean_rwg(
            None if statements[sid].overall.rwg is None else Fraction(statements[sid].overall.rwg)
            for sid in shown_overall
        )
        component_results[component.id] = ComponentResult(
            component_id=component.id,
            statement_ids=sids,
            overall=summarise(pooled_overall, levels),
            agreement=None if agreement is None else float(agreement),
            groups=figures,
            gap=group_gap(figures),
            statements_pooled=len(shown_overall),
        )

    return AssessmentAnalysis(
        k=k,
        levels=levels,
        groups=groups,
        statements=statements,
        components=component_results,
    )
