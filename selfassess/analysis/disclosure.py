"""Which cells of one statement a release may show, given every earlier release.

A *cell* is one statement's figures for one group, or for everyone (``OVERALL``). A release
shows some cells and withholds the rest. Anyone who reads several releases, or several cells
of one release, can add and subtract what they see; this module decides what to withhold so
that no such arithmetic ever isolates the answers of fewer than k people.

The model. An *element* is one person's answer to the statement: ``(person, answer)``. A person
who changes their answer between releases gives two elements (the old answer and the new),
so a change is as visible to this rule as a new answer is. Every shown cell of every release
is a set of elements. Two elements that lie in exactly the same shown cells (the same
*signature*) can never be told apart by any sum or difference of shown figures; the elements
that share a signature form an *atom*, and the finest thing any reader can work out is an
atom's combined answers. So the rule is:

    every atom holds either no one or at least k people, and either no rated answer or at
    least k rated answers (a "don't know" is never a level, but it is an answer).

People whose answers the reader already knows (answers imported by a facilitator from a file
they hold) protect no one: an atom's imported elements are left out of its counts, so padding
a small group with known answers never opens it.

For a single release with no imported answers this is exactly the primary and complementary
suppression of ``suppression.py``, applied to rated answers as well as to all answers: every
shown group is an atom and the hidden groups together are another. Across releases it also
stops differencing: a cell whose contents changed by fewer than k people since an earlier
release that showed it is withheld, or a neighbour is withheld so that the change is merged
into a larger atom.

The search is greedy: withhold cells below the rated threshold, then, while any atom breaks
the rule, withhold the first shown cell (smallest group first, everyone last) whose removal
reduces the number of people in broken atoms; if no single cell helps, withhold everyone's
cell (or, once that is gone, the smallest group's) and go on. Each step shrinks the shown set,
and showing nothing new always satisfies the rule (the earlier releases satisfied it when they
were made and are frozen), so the search ends.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .counts import DONT_KNOW

OVERALL = "*"
"""The cell of everyone who answered the statement, whatever their group."""

REASON_NO_ANSWERS = "no answers"
REASON_TOO_FEW_RATED = "fewer than k people gave a level"
REASON_COMPLEMENTARY = "hidden so that a smaller group cannot be worked out from the totals"
REASON_DIFFERENCING = (
    "hidden so that comparing with an earlier release cannot single out fewer than k "
    "people's answers"
)

Person = Hashable
Cell = str


@dataclass(frozen=True)
class StatementRelease:
    """One statement in one release: who answered what, and which cells were shown.

    ``answers`` maps each person in the release to ``(group_id, answer)``; ``shown`` is the set
    of cells (group ids and ``OVERALL``) the release showed.
    """

    answers: Mapping[Person, tuple[str, object]]
    shown: frozenset[Cell]


def _is_rated(answer: object) -> bool:
    return not (isinstance(answer, str) and answer == DONT_KNOW)


def _broken_people(
    k: int,
    releases: Sequence[StatementRelease],
    known: frozenset,
) -> int:
    """How many unknown people's elements lie in atoms that break the rule (0: all safe)."""
    signatures: dict[tuple[Person, object], list] = {}
    for index, release in enumerate(releases):
        if not release.shown:
            continue
        overall = OVERALL in release.shown
        for person, (group_id, answer) in release.answers.items():
            marks = []
            if overall:
                marks.append((index, OVERALL))
            if group_id in release.shown:
                marks.append((index, group_id))
            if marks:
                signatures.setdefault((person, answer), []).extend(marks)
    atoms: dict[tuple, list[int]] = {}
    for (person, answer), marks in signatures.items():
        if person in known:
            continue
        tally = atoms.setdefault(tuple(marks), [0, 0])
        tally[0] += 1
        if _is_rated(answer):
            tally[1] += 1
    return sum(total for total, rated in atoms.values() if _breaks(k, total, rated))


def _breaks(k: int, total: int, rated: int) -> bool:
    return 0 < total < k or 0 < rated < k


def _broken_counts(
    k: int, shown: set[Cell], answered: Mapping[Cell, int], rated: Mapping[Cell, int]
) -> int:
    """``_broken_people`` for one release without known people, from counts alone.

    Its atoms are then each shown group and, when everyone's cell is shown, the groups not
    shown taken together: the same answer as the element-by-element count, at the cost of
    the number of groups rather than of people.
    """
    broken = 0
    hidden_total = answered[OVERALL]
    hidden_rated = rated[OVERALL]
    for cell in shown:
        if cell == OVERALL:
            continue
        hidden_total -= answered[cell]
        hidden_rated -= rated[cell]
        if _breaks(k, answered[cell], rated[cell]):
            broken += answered[cell]
    if OVERALL in shown and _breaks(k, hidden_total, hidden_rated):
        broken += hidden_total
    return broken


def withheld_cells(
    k: int,
    groups: Sequence[str],
    current: Mapping[Person, tuple[str, object]],
    *,
    earlier: Iterable[StatementRelease] = (),
    known: Iterable[Person] = (),
) -> dict[Cell, str]:
    """``{cell: reason}`` for every cell of ``current`` that must be withheld.

    ``groups`` lists the group ids in display order; ``current`` maps each person who answered
    the statement in this release to ``(group_id, answer)``; ``earlier`` are the statement's
    earlier releases; ``known`` are people whose answers the reader may already know.
    """
    known = frozenset(known)
    earlier = [release for release in earlier if release.shown]
    answered, rated = _tally(groups, current.values())

    def broken(shown: set[Cell], with_earlier: bool = True) -> int:
        if not known and not (earlier and with_earlier):
            return _broken_counts(k, shown, answered, rated)
        releases = [*(earlier if with_earlier else []), StatementRelease(current, frozenset(shown))]
        return _broken_people(k, releases, known)

    return _search(k, groups, answered, rated, broken, bool(earlier))


def withheld_cells_from_counts(
    k: int, groups: Sequence[str], per_group: Mapping[str, Mapping[object, int]]
) -> dict[Cell, str]:
    """``withheld_cells`` for a first release with no known people, from counts alone
    (``{group_id: {answer: count}}``): its cost is the number of groups, not of people."""
    answers = (
        (group_id, answer)
        for group_id, counts in per_group.items()
        for answer, count in counts.items()
        for _ in range(min(count, 1))
    )
    answered, rated = _tally(groups, answers)
    for group_id, counts in per_group.items():
        for answer, count in counts.items():
            extra = count - 1
            if extra > 0:
                for cell in (OVERALL, group_id):
                    answered[cell] += extra
                    if _is_rated(answer):
                        rated[cell] += extra

    def broken(shown: set[Cell], with_earlier: bool = True) -> int:
        return _broken_counts(k, shown, answered, rated)

    return _search(k, groups, answered, rated, broken, False)


def _tally(groups, answers) -> tuple[dict[Cell, int], dict[Cell, int]]:
    if OVERALL in groups:
        raise ValueError(f"{OVERALL!r} names everyone's cell and cannot be a group id")
    rated: dict[Cell, int] = {OVERALL: 0, **{group_id: 0 for group_id in groups}}
    answered: dict[Cell, int] = dict.fromkeys(rated, 0)
    for group_id, answer in answers:
        if group_id not in rated:
            raise ValueError(f"answer from group {group_id!r}, which is not in groups")
        for cell in (OVERALL, group_id):
            answered[cell] += 1
            if _is_rated(answer):
                rated[cell] += 1
    return answered, rated


def _search(k, groups, answered, rated, broken, has_earlier) -> dict[Cell, str]:
    """The greedy search of the module docstring."""
    withheld: dict[Cell, str] = {}
    for cell in rated:
        if answered[cell] == 0:
            withheld[cell] = REASON_NO_ANSWERS
        elif rated[cell] < k:
            withheld[cell] = REASON_TOO_FEW_RATED

    order = {group_id: index for index, group_id in enumerate(groups)}

    def candidates(shown: set[Cell]) -> list[Cell]:
        ordered = sorted(
            (cell for cell in shown if cell != OVERALL), key=lambda c: (rated[c], order[c])
        )
        return ordered + ([OVERALL] if OVERALL in shown else [])

    shown = {cell for cell in rated if cell not in withheld}
    now = broken(shown)
    while now and shown:
        best, best_score = None, now
        for cell in candidates(shown):
            score = broken(shown - {cell})
            if score < best_score:
                best, best_score = cell, score
                break
        if best is None:
            best = OVERALL if OVERALL in shown else candidates(shown)[0]
            best_score = broken(shown - {best})
        reason = REASON_COMPLEMENTARY
        if has_earlier and not broken(shown, with_earlier=False):
            reason = REASON_DIFFERENCING
        shown.discard(best)
        withheld[best] = reason
        now = best_score
    return {cell: withheld[cell] for cell in rated if cell in withheld}
