"""Where an organisation stands among its peers, without showing any one peer's figures.

Organisations that choose to take part share, by consent, their agreed positions (current and
target level per statement) and, if they wish, their released survey medians. A peer
comparison shows, for one statement and one measure, the *spread* of the peers' figures (the
lower quartile, the median and the upper quartile) and where the viewing organisation's own
figure sits: below the lower quartile, between the quartiles, or above the upper quartile.
Plain Python with no Django, so the rules can be read and tested on their own.

The figures
-----------
Values are level *positions* on the framework's scale (1 for the lowest level, 2 for the
next, ...), so a scale written 0, 25, 50, 75, 100 reads like one written 1 to 5. Quartiles are
Hyndman & Fan (1996) type 7, the method of R, numpy and Excel's QUARTILE.INC (the same as
``summary.quantile``), computed exactly, then rounded to the nearest half level (halves
rounded up). The rounding is coarse on purpose: a small change in one peer's figure seldom
moves a rounded quartile, so each shown figure says less about any one peer.

The rules, and why each holds
-----------------------------
1. **At least five peers.** A statement's comparison is shown only when at least
   ``MIN_PEERS`` (5) organisations other than the viewer have a figure for it. With type 7
   quartiles of five or more values, the lowest and the highest figure are never shown, and
   nothing shown is labelled with an organisation.

2. **No differencing.** One comparison of five peers is safe, but two comparisons can be
   subtracted: the same peers with and without one organisation (the viewer changes a filter,
   or a peer joins, leaves, withdraws or shares a newer assessment) differ by that one
   organisation's figure. So every peer set already shown to the viewing organisation is
   remembered (per framework, measure and statement), and a new set is shown only if, among
   all the sets shown so far and the new one, every *atom* has at least ``MIN_PEERS``
   members. An atom is a largest group of peers that every shown set either holds entirely or
   not at all (the cells of the Venn diagram of the shown sets).

   Why atoms: anything the viewer was shown is a function of the shown sets' figures. Inside
   one atom, exchanging two peers' figures changes no shown set's figures (each set holds
   both peers or neither), so nothing shown can tell the members of an atom apart: the
   viewer learns at most something about a group of at least five, never which of them has
   which figure. Checking pairs of sets is not enough: with sets R+U+V+x, R+U, R+V and R (U and
   V of five each) every pair differs by five or more, yet the first minus the second minus the
   third plus the fourth is the one organisation x. The atoms rule refuses the third set
   already, because with it {x} would be an atom of one. (The rule is sufficient, not the
   least strict possible: it refuses some sets whose figures could not in fact be subtracted.)

   A peer is counted by its *share* (one frozen, dated copy of one assessment), not by its
   name, so a peer whose figures change (it shares a newer assessment) counts as one leaving
   and one joining, and a frozen share's figures never change under an identity. A withdrawn
   share never appears in a new set; the sets that held it stay remembered, so the rule still
   holds against them.

3. **A refused comparison shows nothing** and is not remembered, so asking costs nothing;
   whether a comparison is shown depends only on which shares are in the sets, never on the
   figures, so a refusal says nothing about any figure either.

What the rules do not protect against: organisations that pool what each was shown (each
organisation's memory is its own; a memory shared by all would refuse nearly everything,
because two viewers' peer sets differ by the viewers themselves); and peers who all agree: if
every peer in a comparison gave the same level, the quartiles show that most of them did,
though not which.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

MIN_PEERS = 5

BELOW = "below"
BETWEEN = "between"
ABOVE = "above"

REASON_TOO_FEW = "too_few"
REASON_DIFFERENCING = "differencing"

REASONS = {
    REASON_TOO_FEW: (
        "Fewer than 5 other organisations in this comparison have a figure for it, so it is "
        "not shown."
    ),
    REASON_DIFFERENCING: (
        "Not shown, because set beside a comparison you have already seen it would differ by "
        "fewer than 5 organisations, and the difference could show one organisation's figure. "
        "It will show once at least 5 organisations have joined or left, or choose different "
        "peers."
    ),
}

Member = Hashable


@dataclass(frozen=True)
class Spread:
    """The shown spread of the peers' figures, in level positions rounded to half a level."""

    peers: int
    q1: float
    median: float
    q3: float


@dataclass(frozen=True)
class Comparison:
    """One statement's comparison for one measure: shown (spread) or refused (reason)."""

    spread: Spread | None
    own: float | None
    position: str | None
    reason: str | None
    members: frozenset

    @property
    def shown(self) -> bool:
        return self.spread is not None


def type7_quantile(values: Sequence[Fraction], p: Fraction) -> Fraction:
    """Hyndman & Fan type 7 p-quantile of sorted ``values``, exactly."""
    if not values:
        raise ValueError("the quantile of no values is undefined")
    h = (len(values) - 1) * p
    low = math.floor(h)
    fraction = h - low
    if fraction == 0:
        return values[low]
    return values[low] + fraction * (values[low + 1] - values[low])


def round_half(value: Fraction) -> float:
    """Round to the nearest half, halves of a half going up (2.25 -> 2.5, 2.75 -> 3.0)."""
    return math.floor(Fraction(value) * 2 + Fraction(1, 2)) / 2


def spread_of(values: Iterable[float | int | Fraction]) -> Spread:
    """The rounded quartiles of ``values`` (at least one value)."""
    ordered = sorted(Fraction(v) for v in values)
    return Spread(
        peers=len(ordered),
        q1=round_half(type7_quantile(ordered, Fraction(1, 4))),
        median=round_half(type7_quantile(ordered, Fraction(1, 2))),
        q3=round_half(type7_quantile(ordered, Fraction(3, 4))),
    )


def position_of(own: float | None, spread: Spread) -> str | None:
    """Where the viewer's own figure sits against the *shown* quartiles, so it tells the
    viewer nothing the shown figures and their own figure do not."""
    if own is None:
        return None
    if own < spread.q1:
        return BELOW
    if own > spread.q3:
        return ABOVE
    return BETWEEN


def atom_sizes(sets: Iterable[frozenset]) -> Counter:
    """Sizes of the atoms of ``sets``: members grouped by which of the sets hold them."""
    sets = list(sets)
    union = frozenset().union(*sets) if sets else frozenset()
    return Counter(tuple(member in s for s in sets) for member in union)


def refusal(candidate: frozenset, shown: Iterable[frozenset], k: int = MIN_PEERS) -> str | None:
    """Why ``candidate`` may not be shown beside the sets already ``shown``, or None.

    Rule 1 (at least k members) and rule 2 (every atom of the shown sets and the candidate has
    at least k members) of the module docstring. ``shown`` sets are assumed to have passed
    this check themselves; a candidate equal to one of them adds no atom.
    """
    if len(candidate) < k:
        return REASON_TOO_FEW
    shown = [s for s in shown if s]
    if candidate in shown:
        return None
    sizes = atom_sizes([*shown, candidate])
    if any(size < k for size in sizes.values()):
        return REASON_DIFFERENCING
    return None


def compare(
    own: float | None,
    peers: Mapping[Member, float],
    shown: Iterable[frozenset],
    k: int = MIN_PEERS,
) -> Comparison:
    """The comparison of one statement and measure: ``peers`` maps each peer share to its
    figure (the viewer's own share must not be among them); ``shown`` are the sets already
    shown to this viewer for the same framework, measure and statement. A shown comparison's
    ``members`` must be remembered by the caller before it is displayed."""
    members = frozenset(peers)
    reason = refusal(members, shown, k)
    if reason:
        return Comparison(None, own, None, reason, members)
    spread = spread_of(peers.values())
    return Comparison(spread, own, position_of(own, spread), None, members)
