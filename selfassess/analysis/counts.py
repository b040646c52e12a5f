"""The count table: the one input of the analysis.

Everything about an assessment is computed from ``counts[statement, group, answer]``: how many
people in a group gave a statement a given answer. The table is built elsewhere by one aggregate
database query (``GROUP BY statement, group, answer``); this package never sees a response row,
a person or a name, only counts. That keeps the analysis fast (its cost grows with the number of
cells, at most statements x groups x (levels + 1), not with the number of people) and keeps it
free of anything that could identify an individual.

An answer is either a level value of the scale (a whole number) or ``DONT_KNOW``. "Don't know"
is counted (it is part of a group's n and has its own share) but is never a level: it never
enters a median, a mean, a variance or an agreement index.
"""

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

DONT_KNOW = "dont_know"
"""The answer key for "don't know". Never a level of the scale."""

MIN_LEVELS = 2
MAX_LEVELS = 10

Answer = int | str
CellKey = tuple[str, str, Answer]


def validate_levels(levels: Sequence[int]) -> tuple[int, ...]:
    """Return the scale's level values as a tuple, or raise ValueError.

    A scale has 2 to 10 levels; the values are whole numbers, strictly increasing (so each is
    used once). They need not start at 1 nor be consecutive, matching the framework format.
    """
    values = tuple(levels)
    if not MIN_LEVELS <= len(values) <= MAX_LEVELS:
        raise ValueError(
            f"a scale has {MIN_LEVELS} to {MAX_LEVELS} levels, got {len(values)}: {values!r}"
        )
    for value in values:
        if not _is_whole_number(value):
            raise ValueError(f"level values must be whole numbers, got {value!r}")
    if any(a >= b for a, b in itertools.pairwise(values)):
        raise ValueError(f"level values must be strictly increasing, got {values!r}")
    return values


def _is_whole_number(value: object) -> bool:
    # bool is a subclass of int, but True is not a level.
    return isinstance(value, int) and not isinstance(value, bool)


def _check_answer(answer: object, level_set: frozenset[int]) -> None:
    if isinstance(answer, str) and answer == DONT_KNOW:
        return
    if _is_whole_number(answer) and answer in level_set:
        return
    raise ValueError(
        f"unknown answer {answer!r}: expected one of the levels {sorted(level_set)} "
        f"or {DONT_KNOW!r}"
    )


def _check_count(count: object, where: object) -> None:
    if not _is_whole_number(count):
        raise ValueError(f"count for {where!r} must be a whole number, got {count!r}")
    if count < 0:
        raise ValueError(f"count for {where!r} must not be negative, got {count!r}")


def _check_id(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{what} ids must be strings, got {value!r}")


@dataclass(frozen=True)
class CountTable:
    """``counts[statement, group, answer]`` for one assessment, on one scale.

    ``cells`` maps ``(statement_id, group_id, answer)`` to a count; a missing cell counts 0.
    The table is validated on construction (unknown answers, negative or non-whole counts and
    bad level lists raise ValueError) and stored read-only, with zero cells dropped so that two
    tables with the same counts compare equal.
    """

    levels: tuple[int, ...]
    cells: Mapping[CellKey, int]

    def __post_init__(self) -> None:
        levels = validate_levels(self.levels)
        level_set = frozenset(levels)
        cells: dict[CellKey, int] = {}
        for key, count in self.cells.items():
            if not (isinstance(key, tuple) and len(key) == 3):
                raise ValueError(f"a cell key is (statement_id, group_id, answer), got {key!r}")
            statement_id, group_id, answer = key
            _check_id(statement_id, "statement")
            _check_id(group_id, "group")
            _check_answer(answer, level_set)
            _check_count(count, key)
            if count:
                cells[key] = count
        object.__setattr__(self, "levels", levels)
        object.__setattr__(self, "cells", MappingProxyType(cells))

    @classmethod
    def from_rows(
        cls, levels: Sequence[int], rows: Iterable[tuple[str, str, Answer, int]]
    ) -> "CountTable":
        """Build a table from ``(statement_id, group_id, answer, count)`` rows.

        Rows for the same cell are summed, so the rows may come in any order and in pieces
        (for example one query per batch). Each row is checked before summing, so a negative
        count is rejected even if another row for the same cell would make the sum positive.
        """
        level_set = frozenset(validate_levels(levels))
        cells: dict[CellKey, int] = {}
        for row in rows:
            if len(row) != 4:
                raise ValueError(f"a row is (statement_id, group_id, answer, count), got {row!r}")
            statement_id, group_id, answer, count = row
            _check_id(statement_id, "statement")
            _check_id(group_id, "group")
            _check_answer(answer, level_set)
            _check_count(count, row)
            key = (statement_id, group_id, answer)
            cells[key] = cells.get(key, 0) + count
        return cls(levels=tuple(levels), cells=cells)

    def statement_ids(self) -> frozenset[str]:
        """The statements that have at least one answer."""
        return frozenset(statement_id for statement_id, _, _ in self.cells)

    def group_ids(self) -> frozenset[str]:
        """The groups that have at least one answer."""
        return frozenset(group_id for _, group_id, _ in self.cells)

    def nested(self) -> dict[str, dict[str, dict[Answer, int]]]:
        """The cells as ``{statement_id: {group_id: {answer: count}}}`` (non-zero cells only)."""
        out: dict[str, dict[str, dict[Answer, int]]] = {}
        for (statement_id, group_id, answer), count in self.cells.items():
            out.setdefault(statement_id, {}).setdefault(group_id, {})[answer] = count
        return out
