"""Figures across the members of a system: members' own figures in, the system's picture out.

Plain Python, no Django. The input is, for each member (by name), a mapping from an item (a
statement or component id) to that member's figure for it: an agreed level, a target or a
survey median, or None when the member has none. Nothing here makes a composite score or a
ranking of members: members stay in name order, items in framework order.

* ``across_members``: per item, the members that have a figure (``n``), the median of their
  figures (the usual median: the mean of the two middle figures when ``n`` is even), the lowest
  and highest figure and the *spread* between members, ``highest - lowest`` (0 with one member;
  None with none).
* ``strongest_and_weakest``: the items with the highest and the lowest median across members,
  ``count`` of each; ties keep the items' own order (framework order), and an item with no
  figure takes no part. An item is never in both lists: with fewer than ``2 * count`` items
  with a median the lists split them, the upper half strongest.
* ``high_level``: the level from which a member "rates itself highly": the second-highest
  level of the scale (4 on a 1 to 5 scale), so that "at level 4 or above" means the top two.
* ``rating_highly``: the members (name order) whose figure for an item is at least that level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

Figures = Mapping[str, Mapping[str, float | None]]
"""{member name: {item id: figure or None}}"""


@dataclass(frozen=True)
class AcrossMembers:
    item_id: str
    n: int
    median: float | None
    lowest: float | None
    highest: float | None
    spread: float | None


def _by_name(names) -> list[str]:
    return sorted(names, key=lambda name: (name.casefold(), name))


def across_members(figures: Figures, item_ids: Sequence[str]) -> dict[str, AcrossMembers]:
    out = {}
    for item_id in item_ids:
        values = [float(v) for v in (figures[m].get(item_id) for m in figures) if v is not None]
        if values:
            low, high = min(values), max(values)
            out[item_id] = AcrossMembers(
                item_id, len(values), float(median(values)), low, high, high - low
            )
        else:
            out[item_id] = AcrossMembers(item_id, 0, None, None, None, None)
    return out


def strongest_and_weakest(
    across: Mapping[str, AcrossMembers], count: int = 3
) -> tuple[list[str], list[str]]:
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    order = {item_id: index for index, item_id in enumerate(across)}
    rated = [a for a in across.values() if a.median is not None]
    take = min(count, len(rated) // 2) if len(rated) < 2 * count else count
    if len(rated) == 1:
        return [rated[0].item_id], []
    high = sorted(rated, key=lambda a: (-a.median, order[a.item_id]))[:take]
    chosen = {a.item_id for a in high}
    low = [
        a
        for a in sorted(rated, key=lambda a: (a.median, order[a.item_id]))
        if a.item_id not in chosen
    ]
    return [a.item_id for a in high], [a.item_id for a in low[:take]]


def high_level(levels: Sequence[int]) -> int:
    values = sorted(set(levels))
    if len(values) < 2:
        raise ValueError(f"a scale needs at least two levels, got {list(levels)!r}")
    return values[-2]


def rating_highly(figures: Figures, item_id: str, at_least: float) -> list[str]:
    return _by_name(
        m
        for m, by_item in figures.items()
        if (v := by_item.get(item_id)) is not None and v >= at_least
    )


def members_in_order(figures: Figures) -> list[str]:
    """Member names in name order, the order every table of members uses."""
    return _by_name(figures)
