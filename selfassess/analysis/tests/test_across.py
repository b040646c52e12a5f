"""Figures across a system's members, against values worked out by hand."""

import pytest

from selfassess.analysis.across import (
    across_members,
    high_level,
    members_in_order,
    rating_highly,
    strongest_and_weakest,
)

FIGURES = {
    "West Trust": {"s1": 2, "s2": 4, "s3": None, "s4": 1},
    "east trust": {"s1": 3, "s2": 5, "s3": None, "s4": 2},
    "North Trust": {"s1": 5, "s2": 4, "s3": None},
}
ITEMS = ["s1", "s2", "s3", "s4"]


def test_median_lowest_highest_and_spread():
    across = across_members(FIGURES, ITEMS)
    # s1: 2, 3, 5 -> median 3, spread 3; s2: 4, 5, 4 -> median 4, spread 1.
    assert (across["s1"].n, across["s1"].median, across["s1"].spread) == (3, 3.0, 3.0)
    assert (across["s2"].lowest, across["s2"].highest, across["s2"].median) == (4.0, 5.0, 4.0)
    # s4: 1 and 2 (North has none) -> median of an even count is the mean of the middle two.
    assert (across["s4"].n, across["s4"].median, across["s4"].spread) == (2, 1.5, 1.0)
    assert across["s3"].n == 0 and across["s3"].median is None and across["s3"].spread is None


def test_strongest_and_weakest_never_overlap_and_keep_framework_order_on_ties():
    across = across_members(FIGURES, ITEMS)
    # medians: s1 3, s2 4, s4 1.5 (s3 none): 3 items < 2 * 2, so one of each.
    assert strongest_and_weakest(across, count=2) == (["s2"], ["s4"])
    tied = across_members({"A": {"x": 3, "y": 3, "z": 3, "w": 3}}, ["x", "y", "z", "w"])
    assert strongest_and_weakest(tied, count=2) == (["x", "y"], ["z", "w"])
    assert strongest_and_weakest(across_members({"A": {"x": 2}}, ["x"])) == (["x"], [])
    with pytest.raises(ValueError):
        strongest_and_weakest(across, count=0)


def test_high_level_is_the_second_highest():
    assert high_level([1, 2, 3, 4, 5]) == 4
    assert high_level([0, 25, 50, 75, 100]) == 75
    with pytest.raises(ValueError):
        high_level([3])


def test_rating_highly_lists_members_in_name_order():
    assert rating_highly(FIGURES, "s2", 4) == ["east trust", "North Trust", "West Trust"]
    assert rating_highly(FIGURES, "s1", 4) == ["North Trust"]
    assert rating_highly(FIGURES, "s3", 4) == []
    assert members_in_order(FIGURES) == ["east trust", "North Trust", "West Trust"]
