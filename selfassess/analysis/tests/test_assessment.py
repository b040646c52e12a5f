"""The whole analysis on small tables whose figures are worked out by hand."""

import random

import pytest

from selfassess.analysis import (
    DONT_KNOW,
    REASON_COMPLEMENTARY,
    REASON_HIDDEN_IN_STATEMENT,
    REASON_NO_RESPONDENTS,
    REASON_TOO_FEW,
    ComponentSpec,
    CountTable,
    GroupGap,
    Summary,
    Suppressed,
    analyse,
)

FIVE = (1, 2, 3, 4, 5)
GROUPS = ("A", "B", "C", "D")


def rows_for(statement_id, group_id, answers):
    """One (statement, group, answer, 1) row per answer: the table sums them."""
    return [(statement_id, group_id, answer, 1) for answer in answers]


def example():
    rows = [
        # s1 (k = 3): A n 3, B n 4 (one don't know), C n 1, D n 3.
        *rows_for("s1", "A", [4, 4, 5]),
        *rows_for("s1", "B", [2, 2, 3, DONT_KNOW]),
        *rows_for("s1", "C", [5]),
        *rows_for("s1", "D", [3, 4, 5]),
        # s2: C gave no answer.
        *rows_for("s2", "A", [3, 3, 3]),
        *rows_for("s2", "B", [3, 3, 3, 3]),
        *rows_for("s2", "D", [1, 1, 1]),
    ]
    table = CountTable.from_rows(FIVE, rows)
    return analyse(table, [ComponentSpec("c1", ("s1", "s2"))], GROUPS, 3)


def test_statement_overall_figures():
    s1 = example().statements["s1"].overall
    # Rated answers of s1, sorted: 2 2 3 3 4 4 4 5 5 5 (rated 10) plus 1 don't know (n 11).
    assert (s1.n, s1.rated, s1.dont_know) == (11, 10, 1)
    assert s1.dont_know_share == pytest.approx(1 / 11)
    assert s1.distribution == {1: 0, 2: 2, 3: 2, 4: 3, 5: 3}
    assert s1.median == 4  # h = 4.5: (x4 + x5) / 2 = (4 + 4) / 2
    assert s1.q1 == 3  # h = 2.25: x2 + 0.25 (x3 - x2) = 3 + 0
    assert s1.q3 == 4.75  # h = 6.75: x6 + 0.75 (x7 - x6) = 4 + 0.75
    assert s1.mean == pytest.approx(3.7)  # 37 / 10


def test_statement_groups_and_suppression():
    s1 = example().statements["s1"]
    # C has 1 < 3: hidden. Residual 1 < 3: hide the smallest shown; A (3) and D (3) tie, A is
    # first. Hidden n = 1 + 3 = 4 >= 3.
    assert s1.groups["A"] == Suppressed(REASON_COMPLEMENTARY)
    assert s1.groups["C"] == Suppressed(REASON_TOO_FEW)
    assert list(s1.groups) == list(GROUPS)
    b, d = s1.groups["B"], s1.groups["D"]
    assert isinstance(b, Summary) and isinstance(d, Summary)
    assert (b.n, b.rated, b.median, b.dont_know_share) == (4, 3, 2, 0.25)  # [2, 2, 3]
    assert (d.n, d.median, d.mean) == (3, 4, 4)  # [3, 4, 5]
    # Gap between the shown groups: D 4 - B 2 = 2, D high. A (median 4) and C (5) never count.
    assert s1.gap == GroupGap(high_group="D", low_group="B", high_median=4, low_median=2, gap=2)


def test_group_with_no_answers_is_shown_as_suppressed():
    s2 = example().statements["s2"]
    assert s2.groups["C"] == Suppressed(REASON_NO_RESPONDENTS)
    # Nobody else is hidden: the residual is 0.
    assert [g for g, f in s2.groups.items() if isinstance(f, Suppressed)] == ["C"]
    # A median 3, B 3, D 1: high A (first of the tied highest), low D, gap 2.
    assert s2.gap == GroupGap("A", "D", 3, 1, 2)


def test_component_pooling_and_suppression():
    c1 = example().components["c1"]
    assert c1.statement_ids == ("s1", "s2")
    # Pooled answers: s1 (rated 10, 1 don't know) + s2 (rated 10).
    # Level 1: 3 (D, s2); 2: 2 (B, s1); 3: 2 (s1: B, D) + 7 (s2: A 3, B 4) = 9;
    # 4: 3 (s1: A 2, D 1); 5: 3 (s1: A, C, D).
    assert c1.overall.distribution == {1: 3, 2: 2, 3: 9, 4: 3, 5: 3}
    assert (c1.overall.n, c1.overall.rated, c1.overall.dont_know) == (21, 20, 1)
    # Sorted: 1 1 1 2 2 3*9 4 4 4 5 5 5; h = 19/2 = 9.5: x9 = x10 = 3.
    assert c1.overall.median == 3
    # People per group = max over statements: A 3, B 4, C 1, D 3. C (1 < 3) is hidden; A was
    # hidden in s1 with answers there, so it stays hidden: residual 1 + 3 = 4 >= 3.
    assert c1.groups["A"] == Suppressed(REASON_HIDDEN_IN_STATEMENT)
    assert c1.groups["C"] == Suppressed(REASON_TOO_FEW)
    b, d = c1.groups["B"], c1.groups["D"]
    # B: s1 [2, 2, 3, dk] + s2 [3, 3, 3, 3] -> rated [2, 2, 3, 3, 3, 3, 3], median x3 = 3.
    assert (b.n, b.rated, b.dont_know, b.median) == (8, 7, 1, 3)
    # D: [3, 4, 5] + [1, 1, 1] -> 1 1 1 3 4 5, median (1 + 3) / 2 = 2.
    assert (d.n, d.median) == (6, 2)
    assert c1.gap == GroupGap("B", "D", 3, 2, 1)


def test_component_rwg_j_by_hand():
    c1 = example().components["c1"]
    # s1: 2 2 3 3 4 4 4 5 5 5: sum 37, sum of squares 149;
    #     s^2 = (10 * 149 - 37^2) / (10 * 9) = (1490 - 1369) / 90 = 121/90.
    # s2: 3 x 7, 1 x 3: sum 24, sum of squares 66; s^2 = (660 - 576) / 90 = 84/90.
    # mean s^2 = (121 + 84) / 180 = 41/36; ratio to 2 = 41/72; J = 2.
    # r_wg(J) = 2 (31/72) / (2 (31/72) + 41/72) = 62 / 103.
    assert c1.rwg_j == pytest.approx(62 / 103)


def test_rwg_j_ignores_statements_with_fewer_than_two_rated_answers():
    # s1 [3, 3, 4, 4] (s^2 1/3), s2 [2, 3, 4] (s^2 1), s3 one answer, s4 none:
    # J = 2, r_wg(J) = 4/5 (see test_agreement).
    rows = [
        *rows_for("s1", "A", [3, 3, 4, 4]),
        *rows_for("s2", "A", [2, 3, 4]),
        *rows_for("s3", "A", [5, DONT_KNOW]),
    ]
    table = CountTable.from_rows(FIVE, rows)
    result = analyse(table, [ComponentSpec("c", ("s1", "s2", "s3", "s4"))], ["A"], 3)
    assert result.components["c"].rwg_j == pytest.approx(4 / 5)
    # A component with no rated answers at all.
    empty = analyse(
        table, [*[ComponentSpec("c", ("s1", "s2", "s3"))], ComponentSpec("e", ())], ["A"], 3
    )
    assert empty.components["e"].rwg_j is None
    assert empty.components["e"].overall.n == 0


def test_component_people_count_uses_the_max_not_the_sum():
    # A answers both statements with 3 people: 3 + 3 = 6 answers, but perhaps only 3 people.
    # Max 3 < 5: hidden as too few (a sum, 6, would have shown it). In each statement A (3) is
    # hidden and B (tie with C at 10, B first) hidden to protect it; B stays hidden here.
    rows = []
    for statement in ("s1", "s2"):
        rows += [(statement, "A", 3, 3), (statement, "B", 4, 10), (statement, "C", 2, 10)]
    table = CountTable.from_rows(FIVE, rows)
    result = analyse(table, [ComponentSpec("c", ("s1", "s2"))], ["A", "B", "C"], 5)
    groups = result.components["c"].groups
    assert groups["A"] == Suppressed(REASON_TOO_FEW)
    assert groups["B"] == Suppressed(REASON_HIDDEN_IN_STATEMENT)
    assert result.statements["s1"].groups["B"] == Suppressed(REASON_COMPLEMENTARY)
    assert isinstance(groups["C"], Summary) and groups["C"].n == 20  # answers, pooled


def test_a_group_hidden_for_one_statement_stays_hidden_for_its_component():
    # k = 5. s1: A 4 answers (hidden), B 10 (complementary, tie with C), C 10.
    # s2: A 6, B 10, C 10: all shown. Showing A for the component (max 6 >= 5) would give away
    # A's s1 answers as component minus s2; so A, and B, stay hidden.
    rows = [
        ("s1", "A", 1, 4),
        ("s1", "B", 3, 10),
        ("s1", "C", 3, 10),
        ("s2", "A", 2, 6),
        ("s2", "B", 3, 10),
        ("s2", "C", 3, 10),
    ]
    table = CountTable.from_rows(FIVE, rows)
    result = analyse(table, [ComponentSpec("c", ("s1", "s2"))], ["A", "B", "C"], 5)
    s1, s2, c = result.statements["s1"], result.statements["s2"], result.components["c"]
    assert s1.groups["A"] == Suppressed(REASON_TOO_FEW)
    assert s1.groups["B"] == Suppressed(REASON_COMPLEMENTARY)
    assert all(isinstance(f, Summary) for f in s2.groups.values())
    assert c.groups["A"] == Suppressed(REASON_HIDDEN_IN_STATEMENT)
    assert c.groups["B"] == Suppressed(REASON_HIDDEN_IN_STATEMENT)
    assert isinstance(c.groups["C"], Summary)


def test_gap_is_none_with_fewer_than_two_shown_medians():
    # B shown but all don't know (no median); A shown with a median: one median only.
    rows = [("s1", "A", 3, 5), ("s1", "B", DONT_KNOW, 5)]
    table = CountTable.from_rows(FIVE, rows)
    result = analyse(table, [ComponentSpec("c", ("s1",))], ["A", "B"], 5)
    assert isinstance(result.statements["s1"].groups["B"], Summary)
    assert result.statements["s1"].gap is None


def test_equal_medians_give_a_zero_gap_between_first_and_last():
    rows = [("s1", g, 3, 5) for g in ("A", "B", "C")]
    result = analyse(
        CountTable.from_rows(FIVE, rows), [ComponentSpec("c", ("s1",))], ["A", "B", "C"], 5
    )
    assert result.statements["s1"].gap == GroupGap("A", "C", 3, 3, 0)


def test_rankings():
    rows = [
        *rows_for("sA", "G", [3, 3, 3]),  # r_wg 1
        *rows_for("sB", "G", [1, 3, 5]),  # s^2 4 -> r_wg 0; IQR 4 - 2 = 2 (h = .5, 1.5)
        *rows_for("sC", "G", [1, 1, 5, 5]),  # r_wg 0; IQR 5 - 1 = 4 (h = .75, 2.25)
        *rows_for("sD", "G", [3]),  # no r_wg
        *rows_for("sE", "G", [2, 3, 4]),  # r_wg 0.5
    ]
    table = CountTable.from_rows(FIVE, rows)
    spec = ComponentSpec("c", ("sA", "sB", "sC", "sD", "sE"))
    result = analyse(table, [spec], ["G"], 3)
    assert result.ranked_by_disagreement() == ["sC", "sB", "sE", "sA", "sD"]


def test_ranked_by_group_gap():
    rows = [
        *rows_for("s0", "A", [3] * 3),
        *rows_for("s0", "B", [3] * 3),  # gap 0
        *rows_for("s2", "A", [1] * 3),
        *rows_for("s2", "B", [3] * 3),  # gap 2 (B high)
        *rows_for("s1", "A", [4] * 3),
        *rows_for("s1", "B", [3] * 3),  # gap 1 (A high)
        *rows_for("sN", "A", [4] * 3),  # B has no answers: one median, no gap
    ]
    table = CountTable.from_rows(FIVE, rows)
    spec = ComponentSpec("c", ("s0", "s2", "s1", "sN"))
    result = analyse(table, [spec], ["A", "B"], 3)
    assert result.ranked_by_group_gap() == ["s2", "s1", "s0", "sN"]
    assert result.statements["s2"].gap.high_group == "B"
    assert result.statements["s1"].gap.high_group == "A"


def test_statement_in_two_components_appears_once():
    table = CountTable.from_rows(FIVE, rows_for("s1", "A", [3, 3, 3]))
    result = analyse(
        table,
        [ComponentSpec("c1", ("s1", "s2")), ComponentSpec("c2", ["s3", "s1"])],
        ["A"],
        3,
    )
    assert list(result.statements) == ["s1", "s2", "s3"]
    assert result.components["c2"].statement_ids == ("s3", "s1")
    assert result.k == 3 and result.levels == FIVE and result.groups == ("A",)


@pytest.mark.parametrize("k", [2, 1, 0, -5, 4.0, "5", None, True])
def test_bad_k_raises(k):
    table = CountTable.from_rows(FIVE, [])
    with pytest.raises(ValueError):
        analyse(table, [ComponentSpec("c", ("s1",))], ["A"], k)


def test_inconsistent_inputs_raise():
    table = CountTable.from_rows(FIVE, [("s1", "A", 3, 5), ("s1", "Z", 3, 2)])
    with pytest.raises(ValueError, match="groups not listed"):
        analyse(table, [ComponentSpec("c", ("s1",))], ["A"], 5)
    with pytest.raises(ValueError, match="in no component"):
        analyse(table, [ComponentSpec("c", ("s2",))], ["A", "Z"], 5)
    with pytest.raises(ValueError, match="unique"):
        analyse(table, [ComponentSpec("c", ("s1",))], ["A", "Z", "A"], 5)
    with pytest.raises(ValueError, match="unique"):
        analyse(table, [ComponentSpec("c", ("s1",)), ComponentSpec("c", ())], ["A", "Z"], 5)
    with pytest.raises(ValueError, match="twice"):
        ComponentSpec("c", ("s1", "s1"))


def test_thirty_statements_by_seven_groups_with_large_counts():
    rng = random.Random(20240501)
    groups = [f"g{i}" for i in range(7)]
    statements = [f"s{i}" for i in range(30)]
    rows = [
        (s, g, answer, rng.randrange(0, 2_000_000))
        for s in statements
        for g in groups
        for answer in (*FIVE, DONT_KNOW)
    ]
    table = CountTable.from_rows(FIVE, rows)
    components = [ComponentSpec(f"c{i}", tuple(statements[6 * i : 6 * i + 6])) for i in range(5)]
    result = analyse(table, components, groups, 5)
    assert len(result.statements) == 30 and len(result.components) == 5
    total = sum(count for _, _, _, count in rows)
    assert sum(r.overall.n for r in result.statements.values()) == total
    assert sum(r.overall.n for r in result.components.values()) == total
