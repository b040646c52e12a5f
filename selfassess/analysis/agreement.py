"""Within-group agreement on the ordinal scale, and the rule that marks a statement contested.

Agreement is measured on level *positions* (1 for the lowest level, 2 for the next, up to A for
the highest), not on the level values. For the usual scales, whose values are consecutive whole
numbers (1 to 5, 0 to 4), the positions are the values shifted by a constant, so the variances
and interquartile ranges below are exactly those of the values. For a scale whose values are
not one apart (say 0, 25, 50, 75, 100) positions keep the indices meaningful: a uniform null on
A equally spaced categories is what the formulas assume, and "two levels" means two steps of
the scale whatever their numeric labels.

r_wg, single item (James, Demaree & Wolf, 1984, "Estimating within-group interrater reliability
with and without response bias", Journal of Applied Psychology 69(1), 85-98)::

    r_wg = 1 - s^2 / sigma^2_EU

where s^2 is the observed sample variance of the answers (denominator n - 1) and
sigma^2_EU = (A^2 - 1) / 12 is the variance expected if people answered at random, uniformly
over the A levels (the discrete uniform distribution on 1..A). r_wg = 1 means everyone gave the
same answer; r_wg = 0 means the answers spread as much as random answering would.

When s^2 > sigma^2_EU the formula goes negative (people are more split than random, for example
two camps at the ends of the scale). LeBreton & Senter (2008, "Answers to 20 questions about
interrater reliability and interrater agreement", Organizational Research Methods 11(4),
815-852) recommend truncating such values to 0, meaning "no agreement"; we do.

r_wg(J), J parallel items (James, Demaree & Wolf, 1984, equation 3)::

    r_wg(J) = J (1 - mean_s2 / sigma^2_EU) / (J (1 - mean_s2 / sigma^2_EU) + mean_s2 / sigma^2_EU)

where mean_s2 is the mean of the items' sample variances and J the number of items. It is the
Spearman-Brown form of r_wg: agreement over a set of statements meant to measure one thing (a
component). It is truncated to 0 when mean_s2 > sigma^2_EU, for the same reason as r_wg.

Mean r_wg across a component. r_wg(J) (above) is kept for reference but is not what pages
show: it is a Spearman-Brown step-up, so it grows with the number of statements J even when
each statement's agreement stays the same (at J = 7 a component whose statements all have
r_wg = 0.45, each of them contested, scores 0.85). Lindell & Brandt (1999) and LeBreton &
Senter (2008) give the same warning. A component's agreement is therefore the *mean of its
statements' r_wg* (``mean_rwg``), which stays on the scale of a single statement: a component
of contested statements reads as contested.

Minimum number of rated answers. r_wg, and so "contested", needs at least
``AGREEMENT_MIN_RATED`` (5) rated answers. With three raters answering at random on five
levels, r_wg reaches 0.50 or more (and the IQR stays under two levels) in well over a third of
cases, so a "not contested" from three people says little; five is also the default
anonymity threshold. Below it, agreement is shown as not available, never as a number.

Rounding. Agreement is shown to two decimals *rounded down* (``agreement_text``), so a value
below 0.50, which is contested, never reads as "0.50".

Contested. A statement is *contested* when at least ``CONTESTED_MIN_RATED`` people rated it and
either

* r_wg < ``CONTESTED_RWG_BELOW`` (0.50): LeBreton & Senter (2008) suggest reading r_wg in
  bands, 0.00-0.30 "lack of agreement", 0.31-0.50 "weak agreement", 0.51-0.70 "moderate",
  0.71-0.90 "strong", 0.91-1.00 "very strong"; below 0.50 is weak agreement or none. Their bands
  are given to two decimals, so exactly 0.50 sits on the edge between weak and moderate; we
  treat 0.50 itself as *not* contested (the test is strict, ``<``), a convention fixed here
  and tested, not a claim of the source; or
* the interquartile range is ``CONTESTED_IQR_AT_LEAST`` (2) levels or more: the middle half of
  the people span at least three levels, so there is no shared view of where the organisation
  stands even if the tails are quiet.

A handful of raters cannot show a pattern worth a discussion, hence the minimum of five.

All arithmetic here is exact (``fractions.Fraction``), so a boundary case such as r_wg = 0.5
exactly is decided exactly, not at the mercy of floating-point rounding.
"""

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

AGREEMENT_MIN_RATED = 5
"""Fewest rated answers (don't know excluded) for which r_wg is shown at all."""

CONTESTED_MIN_RATED = AGREEMENT_MIN_RATED
"""Fewest rated answers (don't know excluded) for which a statement can be contested."""

CONTESTED_RWG_BELOW = Fraction(1, 2)
"""r_wg strictly below this (0.50) marks a statement contested (LeBreton & Senter, 2008)."""

CONTESTED_IQR_AT_LEAST = 2
"""An interquartile range of this many levels or more marks a statement contested."""


def uniform_null_variance(level_count: int) -> Fraction:
    """sigma^2_EU = (A^2 - 1) / 12, the variance of the discrete uniform on 1..A.

    For A = 5 this is 2; for A = 2 it is 1/4; for A = 10 it is 99/12.
    """
    if level_count < 2:
        raise ValueError(f"a scale has at least 2 levels, got {level_count}")
    return Fraction(level_count * level_count - 1, 12)


def rwg(sample_variance: Rational | int, level_count: int) -> Fraction:
    """r_wg = max(0, 1 - s^2 / sigma^2_EU), exactly.

    ``sample_variance`` is s^2 of the level positions with the n - 1 denominator.
    """
    ratio = Fraction(sample_variance) / uniform_null_variance(level_count)
    return max(Fraction(0), 1 - ratio)


def rwg_j(sample_variances: Iterable[Rational | int], level_count: int) -> Fraction | None:
    """r_wg(J) over the given items' sample variances, exactly; None when there are none.

    Only items with at least two rated answers have a sample variance; the caller passes those.
    J is the number passed and mean_s2 their mean. When mean_s2 > sigma^2_EU the value is
    truncated to 0 (when mean_s2 = sigma^2_EU the formula gives 0 itself).
    """
    variances = [Fraction(v) for v in sample_variances]
    if not variances:
        return None
    j = len(variances)
    ratio = (sum(variances, Fraction(0)) / j) / uniform_null_variance(level_count)
    if ratio >= 1:
        return Fraction(0)
    agreement = j * (1 - ratio)
    return agreement / (agreement + ratio)


def mean_rwg(values: Iterable[Rational | None]) -> Fraction | None:
    """The mean of the statements' r_wg (those that have one), exactly; None when none has."""
    present = [Fraction(v) for v in values if v is not None]
    if not present:
        return None
    return sum(present, Fraction(0)) / len(present)


def agreement_text(value: float | None) -> str:
    """Agreement to two decimals, rounded *down*, so it never reads on the wrong side of the
    contested line (0.4963 reads "0.49", not "0.50"); an en dash when there is none."""
    if value is None:
        return "\N{EN DASH}"
    # The shortest decimal that reads back as this float (so 0.29 is 0.29, not 0.2899...),
    # then rounded down: a value below 0.50 never reads "0.50".
    hundredths = math.floor(Decimal(repr(float(value))) * 100)
    return f"{hundredths / 100:.2f}"


def is_contested(rated: int, rwg_value: Rational | None, iqr_levels: Rational | None) -> bool:
    """The contested rule above: rated >= 5 and (r_wg < 0.50 or IQR >= 2 levels)."""
    if rated < CONTESTED_MIN_RATED or rwg_value is None or iqr_levels is None:
        return False
    return rwg_value < CONTESTED_RWG_BELOW or iqr_levels >= CONTESTED_IQR_AT_LEAST
