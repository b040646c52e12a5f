"""Suggested priorities: where the plan should start.

Statements are ranked by their gap, the agreed target level minus the agreed current level
(larger first). Ties are broken by the marks that show a statement needs attention beyond its
gap: contested first (the analysis's rule: people's views are widely spread), then the larger
gap between groups' medians, then framework order.

A group gap is marked *large* when the medians of two groups shown differ by at least
``LARGE_GROUP_GAP`` levels: a whole level means the groups would pick different descriptions
of the same reality, which is worth a conversation whatever the agreed level.
"""

from dataclasses import dataclass

from .review import gap_of

LARGE_GROUP_GAP = 1
# How many statements the short list names. A long ranking with many equal gaps reads as "do
# everything"; a plan can start on a handful at once (NHS IMPACT advises few, stable
# priorities), and the full ranking stays one click away.
SHORTLIST_SIZE = 5


@dataclass(frozen=True)
class Suggestion:
    number: str
    statement: object
    component: object
    current: int | None
    target: int | None
    gap: int | None
    contested: bool
    group_gap: float | None
    higher_group: str
    lower_group: str
    action_count: int

    @property
    def large_group_gap(self) -> bool:
        return self.group_gap is not None and self.group_gap >= LARGE_GROUP_GAP


@dataclass(frozen=True)
class Priorities:
    ranked: list[Suggestion]  # agreed, with a gap above zero, most important first
    not_agreed: list[Suggestion]  # no agreed current or target level yet
    at_target: int  # agreed, already at or above the target

    @property
    def shortlist(self) -> list[Suggestion]:
        """Where to start: the highest-ranked statements that no action covers yet."""
        return [s for s in self.ranked if s.action_count == 0][:SHORTLIST_SIZE]


def _count_actions(actions):
    counts = {}
    for action in actions:
        if action.status == "stopped":
            continue
        for statement_id in action.statement_ids:
            counts[statement_id] = counts.get(statement_id, 0) + 1
    return counts


def suggested_priorities(framework, ratings, analysis, group_names, actions) -> Priorities:
    """``analysis`` is the assessment's analysis; ``group_names`` maps its group ids to names."""
    counts = _count_actions(actions)
    agreed, not_agreed, at_target = [], [], 0
    for c_index, component in enumerate(framework.components, start=1):
        for s_index, statement in enumerate(component.statements, start=1):
            rating = ratings.get(statement.id)
            result = analysis.statements.get(statement.id)
            gap = result.gap if result else None
            suggestion = Suggestion(
                number=f"{c_index}.{s_index}",
                statement=statement,
                component=component,
                current=rating.current_level if rating else None,
                target=rating.target_level if rating else None,
                gap=gap_of(rating),
                contested=bool(result and result.overall.contested),
                group_gap=gap.gap if gap else None,
                higher_group=group_names.get(gap.high_group, "") if gap else "",
                lower_group=group_names.get(gap.low_group, "") if gap else "",
                action_count=counts.get(statement.id, 0),
            )
            if suggestion.gap is None:
                not_agreed.append(suggestion)
            elif suggestion.gap > 0:
                agreed.append(suggestion)
            else:
                at_target += 1
    ranked = sorted(
        enumerate(agreed),
        key=lambda pair: (-pair[1].gap, not pair[1].contested, -(pair[1].group_gap or 0), pair[0]),
    )
    return Priorities([s for _i, s in ranked], not_agreed, at_target)


def suggested_priority(gap: int | None) -> str:
    """The priority a new action starts with: high for a gap of two levels or more."""
    if gap is None:
        return "medium"
    return "high" if gap >= 2 else "medium" if gap == 1 else "low"
