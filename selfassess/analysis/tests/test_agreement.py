"""r_wg, r_wg(J), mean r_wg and the contested rule, checked against values worked out by hand."""

from fractions import Fraction

import pytest

from selfassess.analysis import (
    AGREEMENT_MIN_RATED,
    CONTESTED_IQR_AT_LEAST,
    CONTESTED_MIN_RATED,
    CONTESTED_RWG_BELOW,
    agreement_text,
    is_contested,
    mean_rwg,
    rwg,
    rwg_j,
    uniform_null_variance,
)


def test_uniform_null_variance():
    assert uniform_null_variance(5) == 2  # (25 - 1) / 12
    assert uniform_null_variance(2) == Fraction(1, 4)  # (4 - 1) / 12
    assert uniform_null_variance(10) == Fraction(99, 12)  # (100 - 1) / 12
    with pytest.raises(ValueError):
        uniform_null_variance(1)


def test_rwg():
    assert rwg(Fraction(1, 3), 5) == Fraction(5, 6)  # 1 - (1/3) / 2
    assert rwg(0, 5) == 1
    assert rwg(1, 5) == Fraction(1, 2)
    assert rwg(2, 5) == 0  # s^2 equal to the null
    assert rwg(3, 5) == 0  # 1 - 3/2 < 0, truncated


def test_rwg_j_two_statements_by_hand():
    # Statement 1: [3, 3, 4, 4] -> s^2 = 1/3.  Statement 2: [2, 3, 4] -> s^2 = 1.
    # mean s^2 = (1/3 + 1) / 2 = 2/3; ratio to sigma^2_EU = 2 is 1/3; J = 2.
    # r_wg(J) = 2 (1 - 1/3) / (2 (1 - 1/3) + 1/3) = (4/3) / (5/3) = 4/5.
    assert rwg_j([Fraction(1, 3), 1], 5) == Fraction(4, 5)


def test_rwg_j_one_item_is_rwg():
    # J = 1: (1 - r) / ((1 - r) + r) = 1 - r; r = (1/3) / 2 = 1/6 -> 5/6.
    assert rwg_j([Fraction(1, 3)], 5) == Fraction(5, 6)


def test_rwg_j_truncated_and_empty():
    assert rwg_j([8, 8], 5) == 0  # mean s^2 = 8 > 2
    assert rwg_j([2, 2], 5) == 0  # mean s^2 = 2 = sigma^2_EU: 0 / (0 + 1)
    assert rwg_j([0, 0, 0], 5) == 1  # everyone agrees on every statement
    assert rwg_j([], 5) is None


def test_thresholds_are_the_documented_ones():
    assert CONTESTED_RWG_BELOW == 0.5
    assert CONTESTED_IQR_AT_LEAST == 2
    assert AGREEMENT_MIN_RATED == 5
    assert CONTESTED_MIN_RATED == 5


def test_is_contested_boundaries():
    assert is_contested(5, Fraction(1, 2), 1) is False  # r_wg exactly 0.5 is not below 0.5
    assert is_contested(5, Fraction(49, 100), 1) is True
    assert is_contested(5, 1, 2) is True  # IQR exactly 2
    assert is_contested(5, 1, Fraction(7, 4)) is False
    assert is_contested(4, 0, 4) is False  # too few rated answers, however split
    assert is_contested(3, 0, 4) is False
    assert is_contested(5, None, 4) is False  # no r_wg: never contested
    assert is_contested(0, None, None) is False


def test_mean_rwg_by_hand():
    # (5/6 + 1/2) / 2 = (5/6 + 3/6) / 2 = 8/12 = 2/3.
    assert mean_rwg([Fraction(5, 6), Fraction(1, 2)]) == Fraction(2, 3)
    # Statements without an r_wg (None) are left out: (1 + 0) / 2 = 1/2.
    assert mean_rwg([1, None, 0, None]) == Fraction(1, 2)
    assert mean_rwg([Fraction(3, 7)]) == Fraction(3, 7)
    assert mean_rwg([]) is None
    assert mean_rwg([None, None]) is None


def test_mean_rwg_does_not_grow_with_the_number_of_statements_but_rwg_j_does():
    # Every statement has s^2 = 11/10 on five levels: r_wg = 1 - (11/10) / 2 = 9/20 = 0.45,
    # contested on its own.
    # The ratio mean s^2 / sigma^2_EU is (11/10) / 2 = 11/20.
    s2 = Fraction(11, 10)
    assert rwg(s2, 5) == Fraction(9, 20)
    for j in range(1, 8):
        # The mean of J equal values is that value, whatever J.
        assert mean_rwg([Fraction(9, 20)] * j) == Fraction(9, 20)
        # r_wg(J) = J (1 - ratio) / (J (1 - ratio) + ratio) = (9J/20) / (9J/20 + 11/20)
        #         = 9J / (9J + 11).
        assert rwg_j([s2] * j, 5) == Fraction(9 * j, 9 * j + 11)
    # J = 7: 63 / 74 = 0.851..., "strong agreement" from seven contested statements.
    assert rwg_j([s2] * 7, 5) == Fraction(63, 74)
    assert float(rwg_j([s2] * 7, 5)) > 0.85
    # r_wg(J) grows strictly with J; the mean stays at 0.45, below the contested line.
    values = [rwg_j([s2] * j, 5) for j in range(1, 8)]
    assert values == sorted(set(values))
    assert mean_rwg([rwg(s2, 5)] * 7) < CONTESTED_RWG_BELOW


def test_agreement_text_rounds_down():
    assert agreement_text(0.4963) == "0.49"  # rounded to nearest it would read "0.50"
    assert agreement_text(0.5) == "0.50"
    assert agreement_text(0.499) == "0.49"
    assert agreement_text(0.999) == "0.99"
    assert agreement_text(1.0) == "1.00"
    assert agreement_text(0.0) == "0.00"
    assert agreement_text(0.0099) == "0.00"
    assert agreement_text(None) == "\N{EN DASH}"


def test_agreement_text_is_not_fooled_by_binary_floats():
    # 0.29 * 100 = 28.999999999999996 and 0.57 * 100 = 56.99999999999999 in binary floating
    # point; a plain floor would print 0.28 and 0.56.
    assert agreement_text(0.29) == "0.29"
    assert agreement_text(0.57) == "0.57"
    assert agreement_text(0.58) == "0.58"
    # 31/72 = 0.43055...: "0.43"; 5/6 = 0.8333...: "0.83"; 59/180 = 0.32777...: "0.32".
    assert agreement_text(31 / 72) == "0.43"
    assert agreement_text(5 / 6) == "0.83"
    assert agreement_text(59 / 180) == "0.32"
