"""Small-group protection: which group breakdowns must be hidden.

A breakdown by group is shown only when it cannot reveal what a handful of people answered.
Two rules, the primary and complementary (secondary) cell suppression of statistical disclosure
control for published tables (Hundepool et al., "Statistical Disclosure Control", Wiley, 2012;
the NHS "Anonymisation Standard for Publishing Health and Social Care Data", ISB 1523, applies
the same idea to health statistics):

1. Primary. A group with fewer than k respondents (0 < n < k) is hidden. A group with no
   respondents (n = 0) has nothing to show and is hidden too ("no respondents"); it holds no one,
   so it never protects anyone in the rule below.

2. Complementary. The overall figures are always shown beside the groups, so anyone can
   subtract the shown groups from the total and get the hidden groups' combined answers. If that
   residual holds 0 < m < k people it singles out a small group as surely as showing it would.
   So while the hidden groups' combined n is above 0 and below k, the shown group with the
   smallest n (ties: the earliest in display order) is hidden as well. A shown group has n >= k,
   so one extra group always suffices; if there is none left, every group is hidden.

The guarantee, tested for random tables: the hidden groups' combined n is either 0 or at least
k, unless every group is hidden.

k is the anonymity threshold: an integer, at least ``MIN_K`` (3), ``DEFAULT_K`` (5) by default.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_K = 3
"""The smallest anonymity threshold allowed (design section 5: never below 3)."""

DEFAULT_K = 5
"""The default anonymity threshold."""

REASON_NO_RESPONDENTS = "no respondents"
REASON_TOO_FEW = "fewer than k respondents"
REASON_COMPLEMENTARY = "hidden so that a smaller group cannot be worked out from the totals"
REASON_HIDDEN_IN_STATEMENT = (
    "hidden because it is hidden for one of this component's statements, whose answers could "
    "otherwise be worked out from the component's totals"
)


@dataclass(frozen=True)
class Suppressed:
    """A hidden group breakdown. It carries the reason only, never a count or a statistic."""

    reason: str


def check_k(k: object) -> int:
    """Return k if it is an integer >= ``MIN_K``, else raise ValueError."""
    if not isinstance(k, int) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}, got {k}")
    return k


def suppressed_groups(
    group_ns: Mapping[str, int],
    k: int,
    *,
    also_hide: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return ``{group_id: reason}`` for every group to hide, in the order of ``group_ns``.

    ``group_ns`` maps each group, in display order, to its number of respondents. ``also_hide``
    names groups that must be hidden for another reason (with that reason); they take part in
    the complementary rule with their n like any other hidden group.
    """
    check_k(k)
    for group_id, n in group_ns.items():
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"group {group_id!r}: n must be a whole number >= 0, got {n!r}")
    forced = dict(also_hide or {})
    unknown = set(forced) - set(group_ns)
    if unknown:
        raise ValueError(f"also_hide names unknown groups: {sorted(unknown)!r}")

    hidden: dict[str, str] = {}
    for group_id, n in group_ns.items():
        if n == 0:
            hidden[group_id] = REASON_NO_RESPONDENTS
        elif n < k:
            hidden[group_id] = REASON_TOO_FEW
        elif group_id in forced:
            hidden[group_id] = forced[group_id]

    hidden_n = sum(group_ns[group_id] for group_id in hidden)
    order = {group_id: index for index, group_id in enumerate(group_ns)}
    candidates = sorted(
        (group_id for group_id in group_ns if group_id not in hidden),
        key=lambda group_id: (group_ns[group_id], order[group_id]),
    )
    for group_id in candidates:
        if not 0 < hidden_n < k:
            break
        hidden[group_id] = REASON_COMPLEMENTARY
        hidden_n += group_ns[group_id]

    return {group_id: hidden[group_id] for group_id in group_ns if group_id in hidden}


def component_group_ns(
    statement_group_ns: Iterable[Mapping[str, int]], groups: Iterable[str]
) -> dict[str, int]:
    """A group's people count for a component: the MAX of its n over the component's statements.

    The count table holds answers, not people, so the number of distinct people in a group who
    answered any of a component's statements is unknown; it is at least the largest per-statement
    n. Using that lower bound makes the rule conservative: a group is never treated as bigger
    than it is known to be.
    """
    per_statement = list(statement_group_ns)
    return {
        group_id: max((ns.get(group_id, 0) for ns in per_statement), default=0)
        for group_id in groups
    }
