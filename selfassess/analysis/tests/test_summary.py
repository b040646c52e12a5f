"""Describing one distribution: every expected value is worked out by hand in the comments."""

import math
from collections import Counter

import pytest

from selfassess.analysis import DONT_KNOW, summarise

FIVE = (1, 2, 3, 4, 5)
TEN = tuple(range(1, 11))


def counts_of(answers, dont_know=0):
    counts = dict(Counter(answers))
    if dont_know:
        counts[DONT_KNOW] = dont_know
    return counts


def test_worked_example_from_the_brief():
    # [1, 2, 2, 4, 5] on a 5-level scale; sorted x0..x4 = 1, 2, 2, 4, 5; rated = 5.
    s = summarise(counts_of([1, 2, 2, 4, 5]), FIVE)
    assert (s.n, s.rated, s.dont_know) == (5, 5, 0)
    assert s.dont_know_share == 0.0
    assert s.distribution == {1: 1, 2: 2, 3: 0, 4: 1, 5: 1}
    assert s.shares == {1: 1 / 5, 2: 2 / 5, 3: 0.0, 4: 1 / 5, 5: 1 / 5}
    assert s.median == 2  # h = 4 * 0.5 = 2 -> x2 = 2
    assert s.q1 == 2  # h = 4 * 0.25 = 1 -> x1 = 2
    assert s.q3 == 4  # h = 4 * 0.75 = 3 -> x3 = 4
    assert s.iqr == 2
    assert s.mean == pytest.approx(14 / 5)  # (1 + 2 + 2 + 4 + 5) / 5 = 2.8
    # s^2 = (1.8^2 + 0.8^2 + 0.8^2 + 1.2^2 + 2.2^2) / 4 = (3.24 + .64 + .64 + 1.44 + 4.84) / 4
    #     = 10.8 / 4 = 2.7
    assert s.sd == pytest.approx(math.sqrt(2.7))
    # sigma^2_EU = (25 - 1) / 12 = 2; 1 - 2.7 / 2 = -0.35 -> truncated to 0.
    assert s.rwg == 0
    assert s.iqr_levels == 2  # consecutive levels: the same as the IQR in values
    assert s.contested is True  # rated 5 >= 5 and r_wg 0 < 0.5 (and IQR 2 >= 2)


def test_median_odd_and_even():
    assert summarise(counts_of([1, 3, 5]), FIVE).median == 3  # middle of three
    assert summarise(counts_of([1, 2, 4, 5]), FIVE).median == 3  # (2 + 4) / 2
    assert summarise(counts_of([2, 3]), FIVE).median == 2.5  # (2 + 3) / 2, a half level
    assert summarise(counts_of([4, 4, 4, 5]), FIVE).median == 4  # (4 + 4) / 2


def test_type_7_quartiles_at_fractional_positions():
    # [1, 2, 3, 4, 5, 5]: rated 6, h = 5p.
    s = summarise(counts_of([1, 2, 3, 4, 5, 5]), FIVE)
    assert s.q1 == 2.25  # h = 1.25: x1 + 0.25 (x2 - x1) = 2 + 0.25 * 1
    assert s.median == 3.5  # h = 2.5: x2 + 0.5 (x3 - x2) = 3 + 0.5 * 1
    assert s.q3 == 4.75  # h = 3.75: x3 + 0.75 (x4 - x3) = 4 + 0.75 * 1
    assert s.iqr == 2.5  # 4.75 - 2.25
    # [1, 2, 3, 4]: rated 4, h = 3p.
    s = summarise(counts_of([1, 2, 3, 4]), FIVE)
    assert s.q1 == 1.75  # h = 0.75: 1 + 0.75 * (2 - 1)
    assert s.q3 == 3.25  # h = 2.25: 3 + 0.25 * (4 - 3)


def test_mean_sd_and_rwg_normal_case():
    # [3, 3, 3, 4, 4, 4]: mean 3.5; s^2 = 6 * 0.25 / 5 = 3/10; r_wg = 1 - (3/10) / 2 = 17/20.
    s = summarise(counts_of([3, 3, 3, 4, 4, 4]), FIVE)
    assert s.mean == 3.5
    assert s.sd == pytest.approx(math.sqrt(3 / 10))
    assert s.rwg == pytest.approx(17 / 20)
    # Rated 6, h = 5p: q1 at h = 1.25 (x1 = x2 = 3) = 3, q3 at h = 3.75 (x3 = x4 = 4) = 4.
    assert (s.q1, s.q3, s.iqr, s.iqr_levels) == (3, 4, 1, 1)
    assert s.contested is False  # r_wg 0.85 and IQR 1 level


def test_rwg_truncated_at_zero_when_more_split_than_random():
    # [1, 1, 1, 5, 5, 5]: mean 3; s^2 = 6 * 4 / 5 = 24/5 > 2 -> 1 - 12/5 < 0 -> 0.
    s = summarise(counts_of([1, 1, 1, 5, 5, 5]), FIVE)
    assert s.sd == pytest.approx(math.sqrt(24 / 5))
    assert s.rwg == 0
    assert s.contested is True


def test_full_agreement():
    s = summarise(counts_of([4, 4, 4, 4, 4]), FIVE)
    assert (s.median, s.q1, s.q3, s.iqr, s.mean, s.sd, s.rwg) == (4, 4, 4, 0, 4, 0, 1)
    assert s.iqr_levels == 0
    assert s.contested is False


def test_two_level_scale():
    # Levels (1, 2); sigma^2_EU = (4 - 1) / 12 = 1/4.
    # [1, 1, 1, 1, 2]: mean 6/5 = 1.2; s^2 = (4 * 0.04 + 0.64) / 4 = 0.8 / 4 = 0.2.
    # r_wg = 1 - 0.2 / 0.25 = 0.2.
    s = summarise(counts_of([1, 1, 1, 1, 2]), (1, 2))
    assert s.mean == pytest.approx(1.2)
    assert s.sd == pytest.approx(math.sqrt(0.2))
    assert s.rwg == pytest.approx(0.2)
    assert (s.q1, s.median, s.q3) == (1, 1, 1)  # h = 1, 2, 3 -> x1 = x2 = x3 = 1
    assert s.contested is True  # r_wg 0.2 < 0.5
    assert s.shares == {1: 0.8, 2: 0.2}


def test_ten_level_scale():
    # sigma^2_EU = (100 - 1) / 12 = 33/4. [7, 8, 8, 9, 9, 10]: mean 51/6 = 8.5;
    # s^2 = (2.25 + 0.25 + 0.25 + 0.25 + 0.25 + 2.25) / 5 = 5.5 / 5 = 11/10;
    # r_wg = 1 - (11/10) / (33/4) = 1 - 44/330 = 1 - 2/15 = 13/15.
    s = summarise(counts_of([7, 8, 8, 9, 9, 10]), TEN)
    assert s.mean == 8.5
    assert s.rwg == pytest.approx(13 / 15)
    assert s.q1 == 8  # h = 1.25: x1 = x2 = 8
    assert s.q3 == 9  # h = 3.75: x3 = x4 = 9
    assert s.median == 8.5  # h = 2.5: (8 + 9) / 2
    assert len(s.distribution) == 10
    assert s.contested is False


def test_scale_starting_at_zero():
    # Levels 0..4; [0, 0, 0, 1, 1, 1]: median 0.5, mean 0.5; positions 1, 1, 1, 2, 2, 2 so
    # s^2 = 6 * 0.25 / 5 = 3/10 and r_wg = 1 - (3/10) / 2 = 17/20 (a shift does not change a
    # variance).
    s = summarise(counts_of([0, 0, 0, 1, 1, 1]), (0, 1, 2, 3, 4))
    assert (s.median, s.mean) == (0.5, 0.5)
    assert s.rwg == pytest.approx(17 / 20)


def test_non_consecutive_levels_measure_agreement_on_positions():
    # Levels (0, 2, 4, 6, 8); [2, 2, 2, 4, 4, 4]: values mean 3, s^2 = 6 * 1 / 5 = 6/5;
    # rated 6, h = 5p: q1 at h = 1.25 (x1 = x2 = 2) = 2, q3 at h = 3.75 (x3 = x4 = 4) = 4,
    # median at h = 2.5: (2 + 4) / 2 = 3; IQR 4 - 2 = 2 in values.
    # Positions 2, 2, 2, 3, 3, 3: s^2 = 3/10 -> r_wg = 17/20; IQR in positions 3 - 2 = 1 level.
    s = summarise(counts_of([2, 2, 2, 4, 4, 4]), (0, 2, 4, 6, 8))
    assert (s.median, s.mean, s.q1, s.q3, s.iqr) == (3, 3, 2, 4, 2)
    assert s.iqr_levels == 1
    assert s.sd == pytest.approx(math.sqrt(6 / 5))
    assert s.rwg == pytest.approx(17 / 20)
    # An IQR of 2 in values but 1 level: one level apart, strong agreement, not contested.
    assert s.contested is False


def test_iqr_levels_on_a_scale_of_quarters():
    # Levels (0, 25, 50, 75, 100); [0, 25, 25, 50, 75]: rated 5, h = 4p: q1 = x1 = 25,
    # q3 = x3 = 50, so IQR 25 in values; positions 1, 2, 2, 3, 4: q1 2, q3 3 -> 1 level.
    # Positions mean 12/5; s^2 = (5 * 34 - 144) / 20 = 26/20 = 13/10;
    # r_wg = 1 - (13/10) / 2 = 7/20.
    s = summarise(counts_of([0, 25, 25, 50, 75]), (0, 25, 50, 75, 100))
    assert (s.q1, s.q3, s.iqr) == (25, 50, 25)
    assert s.iqr_levels == 1
    assert s.rwg == pytest.approx(7 / 20)
    assert s.contested is True  # by r_wg 0.35 < 0.5 (the IQR is only one level)


def test_dont_know_is_counted_but_never_a_level():
    # 3 x level 3, 3 x level 4, 4 x don't know: n 10, rated 6, share 4/10.
    s = summarise(counts_of([3, 3, 3, 4, 4, 4], dont_know=4), FIVE)
    assert (s.n, s.rated, s.dont_know) == (10, 6, 4)
    assert s.dont_know_share == 0.4
    assert s.distribution == {1: 0, 2: 0, 3: 3, 4: 3, 5: 0}
    assert s.shares == {1: 0.0, 2: 0.0, 3: 0.5, 4: 0.5, 5: 0.0}  # of the rated answers
    # Level statistics are those of [3, 3, 3, 4, 4, 4] alone (see
    # test_mean_sd_and_rwg_normal_case).
    assert (s.median, s.q1, s.q3, s.mean) == (3.5, 3, 4, 3.5)
    assert s.sd == pytest.approx(math.sqrt(3 / 10))
    assert s.rwg == pytest.approx(17 / 20)


def test_dont_know_does_not_count_towards_the_agreement_minimum():
    # 4 rated [1, 1, 5, 5] and 6 don't know: n 10 but rated 4 < 5, so no r_wg and never
    # contested, although the four are as split as can be (IQR 4 levels).
    s = summarise(counts_of([1, 1, 5, 5], dont_know=6), FIVE)
    assert (s.n, s.rated) == (10, 4)
    assert s.rwg is None
    assert s.iqr_levels == 4  # q1 = 1 (h = 0.75), q3 = 5 (h = 2.25)
    assert s.contested is False


def test_only_dont_know():
    s = summarise({DONT_KNOW: 3}, FIVE)
    assert (s.n, s.rated, s.dont_know, s.dont_know_share) == (3, 0, 3, 1.0)
    assert s.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
    assert s.shares is None
    assert (s.median, s.q1, s.q3, s.iqr, s.mean, s.sd, s.rwg) == (None,) * 7
    assert s.contested is False


def test_no_answers():
    s = summarise({}, FIVE)
    assert (s.n, s.rated, s.dont_know, s.dont_know_share) == (0, 0, 0, None)
    assert s.median is None
    assert s.contested is False


def test_one_rated_answer_has_no_sd_nor_rwg():
    s = summarise(counts_of([3], dont_know=1), FIVE)
    assert (s.median, s.q1, s.q3, s.iqr, s.mean) == (3, 3, 3, 0, 3)
    assert (s.sd, s.rwg) == (None, None)
    assert s.contested is False


def test_contested_boundary_rwg_exactly_one_half_is_not_contested():
    # [1, 3, 3, 3, 3, 3, 3, 3, 5]: mean 3, s^2 = (4 + 0 * 7 + 4) / 8 = 1, r_wg = 1 - 1/2 = 0.5
    # exactly. IQR: rated 9, h = 8p: q1 = x2 = 3, q3 = x6 = 3 -> 0.
    s = summarise(counts_of([1, 3, 3, 3, 3, 3, 3, 3, 5]), FIVE)
    assert s.rwg == 0.5
    assert s.iqr == 0
    assert s.contested is False


def test_rwg_just_below_one_half_is_contested():
    # [1, 3, 3, 3, 3, 3, 3, 5]: mean 3, s^2 = 8 / 7, r_wg = 1 - 4/7 = 3/7 = 0.43 < 0.5.
    # IQR: rated 8, h = 7p: q1 at 1.75 (x1 = x2 = 3), q3 at 5.25 (x5 = x6 = 3) -> 0.
    s = summarise(counts_of([1, 3, 3, 3, 3, 3, 3, 5]), FIVE)
    assert s.rwg == pytest.approx(3 / 7)
    assert s.iqr == 0
    assert s.contested is True


def test_contested_by_rwg_alone():
    # [1, 3, 3, 3, 5]: mean 3, s^2 = (4 + 0 + 0 + 0 + 4) / 4 = 2 -> r_wg = 1 - 2/2 = 0.
    # q1 = x1 = 3, q3 = x3 = 3 -> IQR 0: two outliers around a quiet middle.
    s = summarise(counts_of([1, 3, 3, 3, 5]), FIVE)
    assert (s.rwg, s.iqr) == (0, 0)
    assert s.contested is True


def test_contested_boundary_iqr_exactly_two_is_contested():
    # Ten levels, [1, 1, 2, 3, 3]: rated 5, h = 4p: q1 = x1 = 1, q3 = x3 = 3 -> IQR 2.
    # mean 2, s^2 = (1 + 1 + 0 + 1 + 1) / 4 = 1; r_wg = 1 - 1 / (33/4) = 1 - 4/33 = 29/33 > 0.5.
    s = summarise(counts_of([1, 1, 2, 3, 3]), TEN)
    assert s.iqr == 2
    assert s.iqr_levels == 2
    assert s.rwg == pytest.approx(29 / 33)
    assert s.contested is True  # by the IQR alone


def test_iqr_just_below_two_is_not_contested():
    # Ten levels, [1, 1, 2, 3, 3, 3]: rated 6, h = 5p: q1 at 1.25 = x1 + 0.25 (x2 - x1)
    # = 1 + 0.25 = 1.25; q3 at 3.75 = x3 + 0.75 (x4 - x3) = 3 -> IQR 1.75.
    # sum 13, sum of squares 33: s^2 = (6 * 33 - 169) / 30 = 29/30;
    # r_wg = 1 - (29/30) / (33/4) = 1 - 116/990 = 437/495.
    s = summarise(counts_of([1, 1, 2, 3, 3, 3]), TEN)
    assert s.iqr == 1.75
    assert s.rwg == pytest.approx(437 / 495)
    assert s.contested is False


def test_fewer_than_five_rated_have_no_rwg_and_are_never_contested():
    # [1, 5]: s^2 = 8, the most split two answers can be, but rated 2 < 5: no r_wg.
    s = summarise(counts_of([1, 5]), FIVE)
    assert s.rwg is None
    assert s.sd == pytest.approx(math.sqrt(8))  # sd needs only two answers
    assert s.contested is False
    # [1, 1, 5, 5]: rated 4 < 5 (s^2 = 16/3 would give r_wg 0, IQR 4 levels): still none.
    s = summarise(counts_of([1, 1, 5, 5]), FIVE)
    assert s.rwg is None
    assert s.iqr_levels == 4
    assert s.contested is False
    # [2, 3, 4] and [3, 3, 4, 4]: rated 3 and 4, none either.
    assert summarise(counts_of([2, 3, 4]), FIVE).rwg is None
    assert summarise(counts_of([3, 3, 4, 4]), FIVE).rwg is None
    # [1, 1, 3, 5, 5]: rated 5; mean 3, s^2 = (4 + 4 + 0 + 4 + 4) / 4 = 4 -> r_wg 0: contested.
    s = summarise(counts_of([1, 1, 3, 5, 5]), FIVE)
    assert s.rwg == 0
    assert s.contested is True


def test_large_counts_are_exact():
    # One million at each of 3 and 4: mean 3.5 exactly; s^2 = 0.25 * 2e6 / (2e6 - 1).
    s = summarise({3: 1_000_000, 4: 1_000_000}, FIVE)
    assert s.mean == 3.5
    assert s.median == 3.5  # h = 999999.5: between x999999 = 3 and x1000000 = 4
    assert s.sd == pytest.approx(math.sqrt(0.25 * 2_000_000 / 1_999_999))


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="unknown answer"):
        summarise({6: 1}, FIVE)
    with pytest.raises(ValueError, match="negative"):
        summarise({3: -1}, FIVE)
