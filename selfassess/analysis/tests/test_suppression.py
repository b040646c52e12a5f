"""Small-group protection: primary and complementary suppression, worked by hand."""

import pytest

from selfassess.analysis import (
    REASON_COMPLEMENTARY,
    REASON_NO_RESPONDENTS,
    REASON_TOO_FEW,
    Suppressed,
    check_k,
    component_group_ns,
    suppressed_groups,
)


def test_nothing_hidden_when_every_group_reaches_k():
    assert suppressed_groups({"a": 5, "b": 9, "c": 30}, 5) == {}  # 5 is exactly k: shown


def test_primary_and_complementary():
    # b has 3 < 5: hidden. Residual 3 (0 < 3 < 5) would give b away from the total, so the
    # smallest shown group, c (8), is hidden too: residual 3 + 8 = 11 >= 5.
    assert suppressed_groups({"a": 10, "b": 3, "c": 8}, 5) == {
        "b": REASON_TOO_FEW,
        "c": REASON_COMPLEMENTARY,
    }


def test_complementary_ties_go_to_the_earliest_group():
    # b hidden (2); a and c tie at 6: a comes first in display order. Residual 2 + 6 = 8.
    assert suppressed_groups({"a": 6, "b": 2, "c": 6, "d": 9}, 5) == {
        "a": REASON_COMPLEMENTARY,
        "b": REASON_TOO_FEW,
    }


def test_small_groups_that_together_reach_k_need_no_complement():
    # 2 + 2 + 2 = 6 >= 5: the residual protects them; d is shown.
    assert suppressed_groups({"a": 2, "b": 2, "c": 2, "d": 10}, 5) == {
        "a": REASON_TOO_FEW,
        "b": REASON_TOO_FEW,
        "c": REASON_TOO_FEW,
    }


def test_everything_hidden_when_nothing_is_left_to_hide():
    # 2 + 2 = 4 < 5 and there is no other group: all hidden.
    assert suppressed_groups({"a": 2, "b": 2}, 5) == {"a": REASON_TOO_FEW, "b": REASON_TOO_FEW}
    # A single small group.
    assert suppressed_groups({"a": 4}, 5) == {"a": REASON_TOO_FEW}


def test_groups_with_no_respondents():
    # a is empty: hidden, but holds no one, so the residual is 0 and nothing else is hidden.
    assert suppressed_groups({"a": 0, "b": 10, "c": 7}, 5) == {"a": REASON_NO_RESPONDENTS}
    # An empty group does not protect a small one: residual 0 + 4 = 4 < 5 -> hide c (10).
    assert suppressed_groups({"a": 0, "b": 4, "c": 10}, 5) == {
        "a": REASON_NO_RESPONDENTS,
        "b": REASON_TOO_FEW,
        "c": REASON_COMPLEMENTARY,
    }
    assert suppressed_groups({"a": 0, "b": 0}, 3) == {
        "a": REASON_NO_RESPONDENTS,
        "b": REASON_NO_RESPONDENTS,
    }


def test_result_follows_display_order():
    hidden = suppressed_groups({"z": 1, "y": 20, "x": 7, "w": 2}, 5)
    # z (1) and w (2): residual 3 < 5 -> hide the smallest shown, x (7).
    assert list(hidden) == ["z", "x", "w"]


def test_also_hide_takes_part_in_the_residual():
    # b must be hidden for another reason; it holds 6 >= 5 people so it protects a (2).
    assert suppressed_groups({"a": 2, "b": 6, "c": 9}, 5, also_hide={"b": "other"}) == {
        "a": REASON_TOO_FEW,
        "b": "other",
    }
    with pytest.raises(ValueError, match="unknown groups"):
        suppressed_groups({"a": 6}, 5, also_hide={"zz": "other"})


@pytest.mark.parametrize("k", [2, 0, -1, 2.5, 5.0, "5", True, None])
def test_k_must_be_an_integer_of_at_least_three(k):
    with pytest.raises(ValueError):
        check_k(k)
    with pytest.raises(ValueError):
        suppressed_groups({"a": 10}, k)


def test_k_three_is_allowed():
    assert check_k(3) == 3
    assert suppressed_groups({"a": 3, "b": 2, "c": 1}, 3) == {
        "b": REASON_TOO_FEW,
        "c": REASON_TOO_FEW,
    }  # 2 + 1 = 3 >= 3


@pytest.mark.parametrize("n", [-1, 1.5, "3", True])
def test_bad_ns_are_rejected(n):
    with pytest.raises(ValueError):
        suppressed_groups({"a": n}, 5)


def test_component_people_count_is_the_max_over_statements():
    ns = component_group_ns([{"a": 3, "b": 7}, {"a": 5, "b": 2}, {"b": 1}], ["a", "b", "c"])
    assert ns == {"a": 5, "b": 7, "c": 0}
    assert component_group_ns([], ["a"]) == {"a": 0}


def test_suppressed_marker_carries_only_a_reason():
    marker = Suppressed(REASON_TOO_FEW)
    assert marker.reason == "fewer than k respondents"
    assert [name for name in vars(marker)] == ["reason"]
    assert REASON_COMPLEMENTARY == (
        "hidden so that a smaller group cannot be worked out from the totals"
    )
