"""r_wg, r_wg(J) and the contested rule, checked against values worked out by hand."""

from fractions import Fraction

import pytest

from selfassess.analysis import (
    CONTESTED_IQR_AT_LEAST,
    CONTESTED_MIN_RATED,
    CONTESTED_RWG_BELOW,
    is_contested,
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
    assert CONTESTED_MIN_RATED == 3


def test_is_contested_boundaries():
    assert is_contested(3, Fraction(1, 2), 1) is False  # r_wg exactly 0.5 is not below 0.5
    assert is_contested(3, Fraction(49, 100), 1) is True
    assert is_contested(3, 1, 2) is True  # IQR exactly 2
    assert is_contested(3, 1, Fraction(7, 4)) is False
    assert is_contested(2, 0, 4) is False  # too few rated answers
    assert is_contested(0, None, None) is False
