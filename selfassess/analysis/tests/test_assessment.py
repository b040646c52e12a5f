"""The whole analysis on small tables whose figures are worked out by hand."""

import random
from fractions import Fraction

import pytest

from selfassess.analysis import (
    DONT_KNOW,
    OVERALL,
    REASON_COMPLEMENTARY,
    REASON_NO_ANSWERS,
    REASON_TOO_FEW_RATED,
    ComponentSpec,
    CountTable,
    GroupGap,
    Summary,
    Suppressed,
    analyse,
    group_gap,
    rwg_j,
    summarise,
)
from selfassess.analysis.assessment import REASON_NOTHING_SHOWN

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
    # C has 1 rated < 3: hidden. Residual 1 < 3: hide the smallest shown by rated answers;
    # A (3), B (3 rated of 4) and D (3) tie, A is first. Hidden n = 1 + 3 = 4 >= 3, rated 4.
    assert s1.groups["A"] == Suppressed(REASON_COMPLEMENTARY)
    assert s1.groups["C"] == Suppressed(REASON_TOO_FEW_RATED)
    assert s1.withheld is None
    assert list(s1.groups) == list(GROUPS)
    b, d = s1.groups["B"], s1.groups["D"]
    assert isinstance(b, Summary) and isinstance(d, Summary)
    assert (b.n, b.rated, b.median, b.dont_know_share) == (4, 3, 2, 0.25)  # [2, 2, 3]
    assert (d.n, d.median, d.mean) == (3, 4, 4)  # [3, 4, 5]
    # Gap between the shown groups: D 4 - B 2 = 2, D high. A (median 4) and C (5) never count.
    assert s1.gap == GroupGap(high_group="D", low_group="B", high_median=4, low_median=2, gap=2)


def test_group_with_no_answers_is_shown_as_suppressed():
    s2 = example().statements["s2"]
    assert s2.groups["C"] == Suppressed(REASON_NO_ANSWERS)
    # Nobody else is hidden: the residual is 0.
    assert [g for g, f in s2.groups.items() if isinstance(f, Suppressed)] == ["C"]
    # A median 3, B 3, D 1: high A (first of the tied highest), low D, gap 2.
    assert s2.gap == GroupGap("A", "D", 3, 1, 2)


def test_component_pooling_and_suppression():
    c1 = example().components["c1"]
    assert c1.statement_ids == ("s1", "s2")
    # Both statements are shown for everyone, so the overall pools all their answers:
    # s1 (rated 10, 1 don't know) + s2 (rated 10).
    # Level 1: 3 (D, s2); 2: 2 (B, s1); 3: 2 (s1: B, D) + 7 (s2: A 3, B 4) = 9;
    # 4: 3 (s1: A 2, D 1); 5: 3 (s1: A, C, D).
    assert c1.overall.distribution == {1: 3, 2: 2, 3: 9, 4: 3, 5: 3}
    assert (c1.overall.n, c1.overall.rated, c1.overall.dont_know) == (21, 20, 1)
    assert c1.statements_pooled == 2
    # Sorted: 1 1 1 2 2 3*9 4 4 4 5 5 5; h = 19/2 = 9.5: x9 = x10 = 3.
    assert c1.overall.median == 3
    # A group pools only its shown cells. A is hidden in s1 and shown in s2: the component
    # shows s2's A alone, [3, 3, 3], never A's s1 answers.
    a = c1.groups["A"]
    assert isinstance(a, Summary)
    assert (a.n, a.median) == (3, 3)
    assert a.distribution == {1: 0, 2: 0, 3: 3, 4: 0, 5: 0}
    # C is hidden in s1 (too few) and has no answers in s2: nothing to pool.
    assert c1.groups["C"] == Suppressed(REASON_NOTHING_SHOWN)
    b, d = c1.groups["B"], c1.groups["D"]
    # B: s1 [2, 2, 3, dk] + s2 [3, 3, 3, 3] -> rated [2, 2, 3, 3, 3, 3, 3], median x3 = 3.
    assert (b.n, b.rated, b.dont_know, b.median) == (8, 7, 1, 3)
    # D: [3, 4, 5] + [1, 1, 1] -> 1 1 1 3 4 5, median (1 + 3) / 2 = 2.
    assert (d.n, d.median) == (6, 2)
    # Medians A 3, B 3, D 2: high A (first of the tied highest), low D, gap 1.
    assert c1.gap == GroupGap("A", "D", 3, 2, 1)


def test_component_agreement_is_the_mean_rwg_by_hand():
    result = example()
    c1 = result.components["c1"]
    # s1: 2 2 3 3 4 4 4 5 5 5: sum 37, sum of squares 149;
    #     s^2 = (10 * 149 - 37^2) / (10 * 9) = (1490 - 1369) / 90 = 121/90;
    #     r_wg = 1 - (121/90) / 2 = 59/180.
    # s2: 3 x 7, 1 x 3: sum 24, sum of squares 66; s^2 = (660 - 576) / 90 = 84/90;
    #     r_wg = 1 - 84/180 = 96/180.
    # mean r_wg = (59 + 96) / 360 = 155/360 = 31/72 = 0.4305...
    assert result.statements["s1"].overall.rwg == pytest.approx(59 / 180)
    assert result.statements["s2"].overall.rwg == pytest.approx(96 / 180)
    assert c1.agreement == pytest.approx(31 / 72)
    # (r_wg(J) would give 62/103 = 0.60 here, reading as moderate agreement although the
    # statements' own r_wg are 0.33 and 0.53.)


def test_mean_rwg_ignores_statements_with_fewer_than_five_rated_answers():
    # s1 [3, 3, 3, 4, 4, 4]: s^2 = 3/10, r_wg = 17/20.
    # s2 [2, 3, 3, 3, 4]: mean 3, s^2 = (1 + 0 + 0 + 0 + 1) / 4 = 1/2, r_wg = 1 - 1/4 = 3/4.
    # s3 [5, 5, 5, 5] and a don't know: rated 4 < 5, no r_wg (shown, as 4 >= k = 3).
    # s4: no answers, withheld.
    # mean r_wg = (17/20 + 15/20) / 2 = 4/5.
    rows = [
        *rows_for("s1", "A", [3, 3, 3, 4, 4, 4]),
        *rows_for("s2", "A", [2, 3, 3, 3, 4]),
        *rows_for("s3", "A", [5, 5, 5, 5, DONT_KNOW]),
    ]
    table = CountTable.from_rows(FIVE, rows)
    result = analyse(table, [ComponentSpec("c", ("s1", "s2", "s3", "s4"))], ["A"], 3)
    assert result.statements["s3"].overall.rwg is None
    assert result.statements["s4"].withheld == REASON_NO_ANSWERS
    component = result.components["c"]
    assert component.agreement == pytest.approx(4 / 5)
    # The overall pools s1, s2 and s3 (s4 is withheld): 6 + 5 + 5 answers, 1 don't know.
    assert component.statements_pooled == 3
    assert (component.overall.n, component.overall.rated) == (16, 15)
    # A component with no rated answers at all.
    empty = analyse(
        table, [*[ComponentSpec("c", ("s1", "s2", "s3"))], ComponentSpec("e", ())], ["A"], 3
    )
    assert empty.components["e"].agreement is None
    assert empty.components["e"].overall.n == 0
    assert empty.components["e"].statements_pooled == 0


def test_component_agreement_does_not_grow_with_the_number_of_statements():
    # Every statement is [1, 3, 3, 3, 3, 3, 3, 5] (rated 8, mean 3, s^2 = 8/7,
    # r_wg = 1 - 4/7 = 3/7, contested). Their mean r_wg is 3/7 whether the component has one
    # statement or seven, while r_wg(J) at J = 7 would be 7 (3/7) / (7 (3/7) + 4/7) = 21/25.
    assert rwg_j([Fraction(8, 7)] * 7, 5) == Fraction(21, 25)
    answers = [1, 3, 3, 3, 3, 3, 3, 5]
    for j in (1, 3, 7):
        sids = tuple(f"s{i}" for i in range(j))
        rows = [row for sid in sids for row in rows_for(sid, "A", answers)]
        result = analyse(CountTable.from_rows(FIVE, rows), [ComponentSpec("c", sids)], ["A"], 5)
        assert all(result.statements[sid].overall.contested for sid in sids)
        assert result.components["c"].agreement == pytest.approx(3 / 7)
        assert result.components["c"].statements_pooled == j


def test_component_group_pools_only_its_shown_cells():
    # k = 5. In each statement A has 3 answers (too few rated), and B (tie with C at 10, B
    # first) is hidden to protect it: residual 3 + 10 = 13 >= 5. The component pools only
    # shown cells, so A (3 + 3 = 6 answers, which would reach k) and B show nothing, and C
    # pools its two shown cells.
    rows = []
    for statement in ("s1", "s2"):
        rows += [(statement, "A", 3, 3), (statement, "B", 4, 10), (statement, "C", 2, 10)]
    table = CountTable.from_rows(FIVE, rows)
    result = analyse(table, [ComponentSpec("c", ("s1", "s2"))], ["A", "B", "C"], 5)
    assert result.statements["s1"].groups["A"] == Suppressed(REASON_TOO_FEW_RATED)
    assert result.statements["s1"].groups["B"] == Suppressed(REASON_COMPLEMENTARY)
    groups = result.components["c"].groups
    assert groups["A"] == Suppressed(REASON_NOTHING_SHOWN)
    assert groups["B"] == Suppressed(REASON_NOTHING_SHOWN)
    assert isinstance(groups["C"], Summary) and groups["C"].n == 20  # answers, pooled
    assert groups["C"].distribution == {1: 0, 2: 20, 3: 0, 4: 0, 5: 0}
    # Everyone is shown in both statements: 23 + 23 answers.
    assert result.components["c"].overall.n == 46
    assert result.components["c"].gap is None  # one group shown


def test_a_group_hidden_for_one_statement_is_left_out_of_its_component():
    # k = 5. s1: A 4 answers (too few rated), B 10 (complementary, tie with C), C 10.
    # s2: A 6, B 10, C 10: all shown. The component's A is s2's A alone and B is s2's B alone,
    # so "component minus s2" gives nothing: A's s1 answers never enter a group figure.
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
    assert s1.groups["A"] == Suppressed(REASON_TOO_FEW_RATED)
    assert s1.groups["B"] == Suppressed(REASON_COMPLEMENTARY)
    assert all(isinstance(f, Summary) for f in s2.groups.values())
    assert c.groups["A"] == s2.groups["A"]
    assert c.groups["A"].distribution == {1: 0, 2: 6, 3: 0, 4: 0, 5: 0}
    assert c.groups["B"] == s2.groups["B"]
    assert c.groups["C"].n == 20
    assert c.groups["C"].distribution == {1: 0, 2: 0, 3: 20, 4: 0, 5: 0}
    # Both statements are shown for everyone: the overall holds A's s1 answers too (24 + 26).
    assert c.overall.n == 50
    assert c.overall.distribution == {1: 4, 2: 6, 3: 40, 4: 0, 5: 0}


def test_a_statement_withheld_for_everyone_is_left_out_of_its_component():
    # k = 5. s1: A [3] x 5, B [4] x 5, all shown. s2: A [1, 1], B [2]: 3 rated answers in all,
    # so s2 is withheld for everyone and for each group.
    rows = [
        *rows_for("s1", "A", [3] * 5),
        *rows_for("s1", "B", [4] * 5),
        *rows_for("s2", "A", [1, 1]),
        *rows_for("s2", "B", [2]),
    ]
    result = analyse(
        CountTable.from_rows(FIVE, rows), [ComponentSpec("c", ("s1", "s2"))], ["A", "B"], 5
    )
    s2 = result.statements["s2"]
    assert s2.withheld == REASON_TOO_FEW_RATED
    assert (s2.overall.n, s2.overall.rated, s2.overall.median, s2.overall.rwg) == (0, 0, None, None)
    assert s2.groups == {
        "A": Suppressed(REASON_TOO_FEW_RATED),
        "B": Suppressed(REASON_TOO_FEW_RATED),
    }
    assert s2.gap is None
    c = result.components["c"]
    # Only s1 is pooled: 5 x 3 and 5 x 4; mean 3.5, s^2 = 10 * 0.25 / 9 = 5/18,
    # r_wg = 1 - 5/36 = 31/36.
    assert c.statements_pooled == 1
    assert c.overall.distribution == {1: 0, 2: 0, 3: 5, 4: 5, 5: 0}
    assert c.agreement == pytest.approx(31 / 36)
    assert c.groups["A"].n == 5 and c.groups["B"].n == 5


def test_withheld_decisions_passed_in_are_used_as_given():
    # The disclosure gate's decisions win over the table's own: here it withholds everyone's
    # s1 and group A's s2 (say for differencing against an earlier release), with its reasons.
    rows = [
        *rows_for("s1", "A", [3] * 5),
        *rows_for("s1", "B", [4] * 5),
        *rows_for("s2", "A", [2] * 5),
        *rows_for("s2", "B", [5] * 5),
    ]
    table = CountTable.from_rows(FIVE, rows)
    withheld = {"s1": {OVERALL: "earlier"}, "s2": {"A": "other"}}
    result = analyse(table, [ComponentSpec("c", ("s1", "s2"))], ["A", "B"], 5, withheld=withheld)
    s1, s2 = result.statements["s1"], result.statements["s2"]
    assert s1.withheld == "earlier"
    assert s1.overall.n == 0
    assert all(isinstance(f, Summary) for f in s1.groups.values())
    assert s1.gap == GroupGap("B", "A", 4, 3, 1)
    assert s2.withheld is None and s2.overall.n == 10
    assert s2.groups["A"] == Suppressed("other")
    c = result.components["c"]
    # Overall: s2 only (s1 is withheld for everyone). A: s1's A only. B: both statements.
    assert c.statements_pooled == 1
    assert c.overall.distribution == {1: 0, 2: 5, 3: 0, 4: 0, 5: 5}
    assert c.groups["A"].distribution == {1: 0, 2: 0, 3: 5, 4: 0, 5: 0}
    assert c.groups["B"].distribution == {1: 0, 2: 0, 3: 0, 4: 5, 5: 5}
    # Agreement: s2 only, [2] x 5 + [5] x 5: mean 3.5, s^2 = 10 * 2.25 / 9 = 5/2 > 2 -> 0.
    assert c.agreement == 0


def test_gap_is_none_with_fewer_than_two_shown_medians():
    # B has five answers, all don't know: no rated answer, so it is withheld (don't know does
    # not count towards k). The residual, 5 answers and 0 rated, needs no complement; A is the
    # only median: no gap.
    rows = [("s1", "A", 3, 5), ("s1", "B", DONT_KNOW, 5)]
    table = CountTable.from_rows(FIVE, rows)
    result = analyse(table, [ComponentSpec("c", ("s1",))], ["A", "B"], 5)
    assert result.statements["s1"].groups["B"] == Suppressed(REASON_TOO_FEW_RATED)
    assert isinstance(result.statements["s1"].groups["A"], Summary)
    assert result.statements["s1"].gap is None
    # The same from group_gap directly: a shown group without a median takes no part.
    figures = {"A": summarise({3: 5}, FIVE), "B": summarise({DONT_KNOW: 5}, FIVE)}
    assert group_gap(figures) is None


def test_equal_medians_give_a_zero_gap_between_first_and_last():
    rows = [("s1", g, 3, 5) for g in ("A", "B", "C")]
    result = analyse(
        CountTable.from_rows(FIVE, rows), [ComponentSpec("c", ("s1",))], ["A", "B", "C"], 5
    )
    assert result.statements["s1"].gap == GroupGap("A", "C", 3, 3, 0)


def test_rankings():
    rows = [
        *rows_for("sA", "G", [3, 3, 3, 3, 3]),  # r_wg 1
        # s^2 = (4 + 1 + 0 + 1 + 4) / 4 = 5/2 > 2 -> r_wg 0; IQR x3 - x1 = 4 - 2 = 2 (h = 1, 3)
        *rows_for("sB", "G", [1, 2, 3, 4, 5]),
        # s^2 = 24/5 -> r_wg 0; IQR 5 - 1 = 4 (h = 1.25, 3.75)
        *rows_for("sC", "G", [1, 1, 1, 5, 5, 5]),
        *rows_for("sD", "G", [1, 1, 5, 5]),  # rated 4 < 5: no r_wg, however split
        *rows_for("sE", "G", [1, 3, 3, 3, 3, 3, 3, 3, 5]),  # s^2 = 8/8 = 1 -> r_wg 0.5
    ]
    table = CountTable.from_rows(FIVE, rows)
    spec = ComponentSpec("c", ("sA", "sB", "sC", "sD", "sE"))
    result = analyse(table, [spec], ["G"], 3)
    assert result.statements["sD"].overall.rwg is None
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
