"""The count table: building it from query rows and rejecting bad input."""

import pytest

from selfassess.analysis import DONT_KNOW, CountTable

LEVELS = (1, 2, 3, 4, 5)


def test_from_rows_sums_duplicate_rows():
    table = CountTable.from_rows(
        LEVELS,
        [
            ("s1", "g1", 3, 2),
            ("s1", "g1", 3, 5),  # same cell: 2 + 5 = 7
            ("s1", "g1", DONT_KNOW, 1),
            ("s1", "g2", 5, 4),
        ],
    )
    assert table.cells == {("s1", "g1", 3): 7, ("s1", "g1", DONT_KNOW): 1, ("s1", "g2", 5): 4}
    assert table.levels == LEVELS
    assert table.statement_ids() == {"s1"}
    assert table.group_ids() == {"g1", "g2"}
    assert table.nested() == {"s1": {"g1": {3: 7, DONT_KNOW: 1}, "g2": {5: 4}}}


def test_zero_counts_are_dropped_so_equal_tables_compare_equal():
    with_zero = CountTable.from_rows(LEVELS, [("s1", "g1", 3, 2), ("s1", "g1", 4, 0)])
    without = CountTable.from_rows(LEVELS, [("s1", "g1", 3, 2)])
    assert with_zero == without
    assert ("s1", "g1", 4) not in with_zero.cells


def test_levels_need_not_start_at_one_nor_be_consecutive():
    assert CountTable.from_rows((0, 1, 2), []).levels == (0, 1, 2)
    assert CountTable.from_rows([0, 25, 50, 75, 100], []).levels == (0, 25, 50, 75, 100)


@pytest.mark.parametrize(
    "answer",
    [0, 6, "3", "dont know", "DONT_KNOW", None, True, 3.0],
)
def test_unknown_answers_are_rejected(answer):
    with pytest.raises(ValueError, match="unknown answer"):
        CountTable.from_rows(LEVELS, [("s1", "g1", answer, 1)])


def test_negative_counts_are_rejected_even_when_the_cell_sum_is_positive():
    with pytest.raises(ValueError, match="negative"):
        CountTable.from_rows(LEVELS, [("s1", "g1", 3, 5), ("s1", "g1", 3, -1)])


@pytest.mark.parametrize("count", [1.5, "2", None, True])
def test_non_whole_counts_are_rejected(count):
    with pytest.raises(ValueError, match="whole number"):
        CountTable.from_rows(LEVELS, [("s1", "g1", 3, count)])


def test_ids_must_be_strings_and_rows_have_four_fields():
    with pytest.raises(ValueError, match="statement ids"):
        CountTable.from_rows(LEVELS, [(1, "g1", 3, 1)])
    with pytest.raises(ValueError, match="group ids"):
        CountTable.from_rows(LEVELS, [("s1", 7, 3, 1)])
    with pytest.raises(ValueError, match="a row is"):
        CountTable.from_rows(LEVELS, [("s1", "g1", 3)])


@pytest.mark.parametrize(
    "levels",
    [
        (1,),  # one level
        tuple(range(1, 12)),  # eleven levels
        (1, 1, 2),  # repeated
        (3, 2, 1),  # descending
        (1.0, 2.0),  # not whole numbers
        (True, 2),  # a bool is not a level
    ],
)
def test_bad_level_lists_are_rejected(levels):
    with pytest.raises(ValueError):
        CountTable.from_rows(levels, [])


def test_direct_construction_is_validated_and_read_only():
    with pytest.raises(ValueError, match="negative"):
        CountTable(levels=LEVELS, cells={("s1", "g1", 3): -2})
    with pytest.raises(ValueError, match="unknown answer"):
        CountTable(levels=LEVELS, cells={("s1", "g1", 9): 2})
    with pytest.raises(ValueError, match="cell key"):
        CountTable(levels=LEVELS, cells={("s1", 3): 2})
    table = CountTable(levels=list(LEVELS), cells={("s1", "g1", 3): 2})
    assert table.levels == LEVELS  # stored as a tuple
    with pytest.raises(TypeError):
        table.cells[("s1", "g1", 4)] = 1  # type: ignore[index]
