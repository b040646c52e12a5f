"""Describing one distribution of answers: counts in, a ``Summary`` out.

A distribution is a mapping ``answer -> count`` for one statement (or one component, pooled)
and one group (or everyone). All figures are computed from the counts; the answers are never
expanded into a list, so the cost depends on the number of levels, not on the number of people.

Definitions (``rated`` is the number of answers that are a level, i.e. excluding don't know):

* ``n`` = rated + don't know; ``dont_know_share`` = don't know / n (None when n = 0).
* ``shares[level]`` = count / rated: the shares of the rated answers, so they sum to 1 and a
  large don't-know share does not shrink them (it is reported separately).
* Quantiles use linear interpolation between order statistics, Hyndman & Fan (1996, "Sample
  quantiles in statistical packages", The American Statistician 50(4), 361-365) type 7, the
  default of R and numpy and the method of Excel's QUARTILE.INC: with the rated answers sorted
  as x_0 <= ... <= x_{rated-1}, the p-quantile is at position h = (rated - 1) p and equals
  x_floor(h) + (h - floor(h)) (x_ceil(h) - x_floor(h)). An order statistic x_i is found by
  walking the cumulative counts. For p = 1/2 this is the usual median (the mean of the two
  middle answers when rated is even, so it may be a half level).
* ``iqr`` = q3 - q1 (type 7 quartiles), in the units of the level values; ``iqr_levels`` is
  the same spread in *levels* (steps of the scale), which is what pages show, so a scale of
  0, 25, 50, 75, 100 reads "1 level" rather than "25".
* ``mean`` = sum(level x count) / rated.
* ``sd`` = sqrt(s^2), s^2 the sample variance with the n - 1 (Bessel) denominator, computed
  exactly from integer sums as (rated * sum(x^2) - (sum x)^2) / (rated (rated - 1)), which
  avoids the cancellation errors of the textbook formula with large counts.
* ``rwg`` and ``contested``: see ``agreement`` (computed on level positions; identical to the
  values for consecutive level values).

A statistic is None when it is undefined: everything when rated = 0; ``sd`` also when
rated = 1 (a sample variance needs two answers); ``rwg`` when rated < ``AGREEMENT_MIN_RATED``
(see ``agreement``). ``contested`` is then False.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .agreement import AGREEMENT_MIN_RATED, is_contested, rwg
from .counts import DONT_KNOW, Answer

Pairs = Sequence[tuple[int, int]]
"""(value, count) pairs, values ascending, counts positive."""

QUARTER = Fraction(1, 4)
HALF = Fraction(1, 2)
THREE_QUARTERS = Fraction(3, 4)


@dataclass(frozen=True)
class Summary:
    """Descriptive statistics of one distribution of answers (see the module docstring)."""

    n: int
    rated: int
    dont_know: int
    dont_know_share: float | None
    distribution: dict[int, int]
    shares: dict[int, float] | None
    median: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    iqr_levels: float | None
    mean: float | None
    sd: float | None
    rwg: float | None
    contested: bool


def order_statistic(pairs: Pairs, index: int) -> int:
    """x_index (0-based) of the sorted answers described by ``pairs``, via cumulative counts."""
    if index < 0:
        raise ValueError(f"order statistic index must be >= 0, got {index}")
    cumulative = 0
    for value, count in pairs:
        cumulative += count
        if index < cumulative:
            return value
    raise ValueError(f"order statistic {index} out of range for {cumulative} answers")


def quantile(pairs: Pairs, p: Fraction) -> Fraction:
    """Hyndman & Fan type 7 p-quantile of the answers described by ``pairs``, exactly."""
    total = sum(count for _, count in pairs)
    if total == 0:
        raise ValueError("the quantile of no answers is undefined")
    if not 0 <= p <= 1:
        raise ValueError(f"p must be in [0, 1], got {p}")
    h = (total - 1) * Fraction(p)
    low = math.floor(h)
    fraction = h - low
    x_low = order_statistic(pairs, low)
    if fraction == 0:
        return Fraction(x_low)
    x_high = order_statistic(pairs, low + 1)
    return x_low + fraction * (x_high - x_low)


def sample_variance(pairs: Pairs) -> Fraction | None:
    """s^2 with the n - 1 denominator, exactly; None for fewer than two answers."""
    total = sum(count for _, count in pairs)
    if total < 2:
        return None
    sum_x = sum(value * count for value, count in pairs)
    sum_x2 = sum(value * value * count for value, count in pairs)
    return Fraction(total * sum_x2 - sum_x * sum_x, total * (total - 1))


def level_pairs(counts: Mapping[Answer, int], levels: Sequence[int]) -> list[tuple[int, int]]:
    """(level value, count) for the levels that have answers, ascending."""
    return [(level, counts.get(level, 0)) for level in levels if counts.get(level, 0)]


def position_pairs(counts: Mapping[Answer, int], levels: Sequence[int]) -> list[tuple[int, int]]:
    """(level position 1..A, count) for the levels that have answers, ascending."""
    return [
        (position, counts.get(level, 0))
        for position, level in enumerate(levels, start=1)
        if counts.get(level, 0)
    ]


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def summarise(counts: Mapping[Answer, int], levels: Sequence[int]) -> Summary:
    """Describe the distribution ``counts`` (answer -> count) on the scale ``levels``.

    ``levels`` are the level values, ascending. Answers other than a level or ``DONT_KNOW``, and
    negative counts, raise ValueError.
    """
    levels = tuple(levels)
    level_set = set(levels)
    for answer, count in counts.items():
        is_dont_know = isinstance(answer, str) and answer == DONT_KNOW
        if not is_dont_know and answer not in level_set:
            raise ValueError(f"unknown answer {answer!r} for levels {levels!r}")
        if count < 0:
            raise ValueError(f"negative count {count!r} for answer {answer!r}")
    dont_know = counts.get(DONT_KNOW, 0)
    distribution = {level: counts.get(level, 0) for level in levels}
    rated = sum(distribution.values())
    n = rated + dont_know
    dont_know_share = dont_know / n if n else None
    if rated == 0:
        return Summary(
            n=n,
            rated=0,
            dont_know=dont_know,
            dont_know_share=dont_know_share,
            distribution=distribution,
            shares=None,
            median=None,
            q1=None,
            q3=None,
            iqr=None,
            iqr_levels=None,
            mean=None,
            sd=None,
            rwg=None,
            contested=False,
        )

    values = level_pairs(counts, levels)
    q1 = quantile(values, QUARTER)
    median = quantile(values, HALF)
    q3 = quantile(values, THREE_QUARTERS)
    mean = Fraction(sum(value * count for value, count in values), rated)
    variance = sample_variance(values)

    # Agreement is measured on positions 1..A (see agreement.py).
    positions = position_pairs(counts, levels)
    position_variance = sample_variance(positions)
    agreement = None
    if position_variance is not None and rated >= AGREEMENT_MIN_RATED:
        agreement = rwg(position_variance, len(levels))
    iqr_levels = quantile(positions, THREE_QUARTERS) - quantile(positions, QUARTER)

    return Summary(
        n=n,
        rated=rated,
        dont_know=dont_know,
        dont_know_share=dont_know_share,
        distribution=distribution,
        shares={level: count / rated for level, count in distribution.items()},
        median=float(median),
        q1=float(q1),
        q3=float(q3),
        iqr=float(q3 - q1),
        iqr_levels=float(iqr_levels),
        mean=float(mean),
        sd=None if variance is None else math.sqrt(variance),
        rwg=_float(agreement),
        contested=is_contested(rated, agreement, iqr_levels),
    )
