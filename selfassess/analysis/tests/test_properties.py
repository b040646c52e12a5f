"""Properties that must hold for every table, checked on random tables with hypothesis.

Expected values here come from independent sources: the rows themselves (counts summed by the
test), and the standard library's ``statistics`` module on the answers expanded into a list.
"""

import dataclasses
import math
import random
import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.analysis import (
    AGREEMENT_MIN_RATED,
    DONT_KNOW,
    ComponentSpec,
    CountTable,
    Summary,
    Suppressed,
    analyse,
    suppressed_groups,
)

# No example database: nothing is written to the working tree; no deadline: CI machines vary.
PROPERTY = settings(max_examples=150, deadline=None, database=None)

level_lists = st.lists(st.integers(-20, 40), min_size=2, max_size=10, unique=True).map(
    lambda values: tuple(sorted(values))
)


@st.composite
def scenarios(draw):
    levels = draw(level_lists)
    groups = [f"g{i}" for i in range(draw(st.integers(1, 5)))]
    statements = [f"s{i}" for i in range(draw(st.integers(1, 4)))]
    answers = [*levels, DONT_KNOW]
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(statements),
                st.sampled_from(groups),
                st.sampled_from(answers),
                st.integers(0, 6),
            ),
            max_size=40,
        )
    )
    cut = draw(st.integers(1, len(statements)))
    components = [
        ComponentSpec("c0", tuple(statements[:cut])),
        ComponentSpec("c1", tuple(statements[cut:])),
    ]
    k = draw(st.integers(3, 8))
    return levels, groups, statements, rows, components, k


def run(scenario):
    levels, groups, _, rows, components, k = scenario
    return analyse(CountTable.from_rows(levels, rows), components, groups, k)


def n_from_rows(rows, statement_ids, group_id):
    return sum(c for s, g, _, c in rows if s in statement_ids and g == group_id)


def all_summaries(result):
    for block in (*result.statements.values(), *result.components.values()):
        yield block.overall
        for figures in block.groups.values():
            if isinstance(figures, Summary):
                yield figures


@PROPERTY
@given(scenarios(), st.randoms(use_true_random=False))
def test_order_and_splitting_of_rows_do_not_matter(scenario, rnd):
    levels, groups, _, rows, components, k = scenario
    reshuffled = []
    for s, g, a, c in rows:  # split each count into two rows, then shuffle everything
        part = rnd.randint(0, c)
        reshuffled += [(s, g, a, part), (s, g, a, c - part)]
    rnd.shuffle(reshuffled)
    again = analyse(CountTable.from_rows(levels, reshuffled), components, groups, k)
    assert again == run(scenario)


@PROPERTY
@given(scenarios())
def test_bounds(scenario):
    result = run(scenario)
    levels = result.levels
    for s in all_summaries(result):
        assert s.n == s.rated + s.dont_know
        assert sum(s.distribution.values()) == s.rated
        assert list(s.distribution) == list(levels)
        assert isinstance(s.contested, bool)
        if s.rated == 0:
            assert s.median is None and s.shares is None and s.contested is False
            continue
        assert levels[0] <= s.q1 <= s.median <= s.q3 <= levels[-1]
        assert levels[0] <= s.mean <= levels[-1]
        assert s.iqr >= 0
        assert 0 <= s.iqr_levels <= len(levels) - 1
        assert math.isclose(sum(s.shares.values()), 1.0)
        if s.rated >= 2:
            assert s.sd >= 0
        else:
            assert s.sd is None
        if s.rated >= AGREEMENT_MIN_RATED:
            assert 0 <= s.rwg <= 1
        else:
            assert s.rwg is None and s.contested is False
    for component in result.components.values():
        assert component.agreement is None or 0 <= component.agreement <= 1
        assert 0 <= component.statements_pooled <= len(component.statement_ids)
    for block in (*result.statements.values(), *result.components.values()):
        if block.gap is not None:
            assert block.gap.gap >= 0
            assert block.gap.gap == block.gap.high_median - block.gap.low_median


def _hidden_sum_ok(hidden_ns, all_hidden, k):
    total = sum(hidden_ns)
    return total == 0 or total >= k or all_hidden


def _cell_counts(rows, sid, group_id):
    """(answers, rated answers, {answer: count}) of one statement and group, from the rows."""
    counts = {}
    for s, g, a, c in rows:
        if s == sid and g == group_id and c:
            counts[a] = counts.get(a, 0) + c
    total = sum(counts.values())
    return total, total - counts.get(DONT_KNOW, 0), counts


def _level_distribution(levels, counts_list):
    expected = {level: 0 for level in levels}
    for counts in counts_list:
        for answer, count in counts.items():
            if answer != DONT_KNOW:
                expected[answer] += count
    return expected


def _check_statement_disclosure(statement, groups, cells, k):
    """The single-release rule on a statement's shown figures, from counts taken from rows.

    Every shown cell has at least k rated answers; when everyone is shown, the hidden groups
    together hold 0 or >= k answers and 0 or >= k rated answers.
    """
    assert list(statement.groups) == list(groups)
    overall_total = sum(cells[g][0] for g in groups)
    overall_rated = sum(cells[g][1] for g in groups)
    if statement.withheld is None:
        assert overall_rated >= k
        assert statement.overall.n == overall_total
        hidden = [g for g, f in statement.groups.items() if isinstance(f, Suppressed)]
        hidden_total = sum(cells[g][0] for g in hidden)
        hidden_rated = sum(cells[g][1] for g in hidden)
        assert hidden_total == 0 or hidden_total >= k
        assert hidden_rated == 0 or hidden_rated >= k
    else:
        assert overall_rated < k  # one release without imports: only too few withholds it
        assert statement.overall.n == 0 and statement.overall.median is None
    for g, figures in statement.groups.items():
        total, rated, _ = cells[g]
        if rated < k:
            assert isinstance(figures, Suppressed)
        if isinstance(figures, Summary):
            assert rated >= k
            assert figures.n == total


def _check_component_pooling(result, spec, groups):
    """A component's figures add up exactly its statements' shown figures."""
    component = result.components[spec.id]
    statements = [result.statements[sid] for sid in spec.statement_ids]
    shown_overall = [stmt for stmt in statements if stmt.withheld is None]
    assert component.statements_pooled == len(shown_overall)
    assert component.overall.n == sum(stmt.overall.n for stmt in shown_overall)
    assert component.overall.dont_know == sum(stmt.overall.dont_know for stmt in shown_overall)
    for level in result.levels:
        assert component.overall.distribution[level] == sum(
            stmt.overall.distribution[level] for stmt in shown_overall
        )
    rwgs = [stmt.overall.rwg for stmt in shown_overall if stmt.overall.rwg is not None]
    if rwgs:
        assert math.isclose(component.agreement, statistics.fmean(rwgs), abs_tol=1e-12)
    else:
        assert component.agreement is None
    for g in groups:
        shown = [stmt.groups[g] for stmt in statements if isinstance(stmt.groups[g], Summary)]
        figures = component.groups[g]
        if not shown:
            assert isinstance(figures, Suppressed)
            continue
        assert isinstance(figures, Summary)
        assert figures.n == sum(f.n for f in shown)
        assert figures.dont_know == sum(f.dont_know for f in shown)
        for level in result.levels:
            assert figures.distribution[level] == sum(f.distribution[level] for f in shown)


@PROPERTY
@given(scenarios())
def test_suppression_residual_and_visibility(scenario):
    levels, groups, _, rows, components, k = scenario
    result = run(scenario)
    for sid, statement in result.statements.items():
        cells = {g: _cell_counts(rows, sid, g) for g in groups}
        _check_statement_disclosure(statement, groups, cells, k)
        for g, figures in statement.groups.items():
            if isinstance(figures, Summary):
                assert figures.distribution == _level_distribution(levels, [cells[g][2]])
    for spec in components:
        _check_component_pooling(result, spec, groups)


@PROPERTY
@given(scenarios())
def test_hidden_groups_leave_no_figures(scenario):
    result = run(scenario)
    assert [f.name for f in dataclasses.fields(Suppressed)] == ["reason"]
    for block in (*result.statements.values(), *result.components.values()):
        hidden = {g for g, f in block.groups.items() if isinstance(f, Suppressed)}
        for figures in block.groups.values():
            assert isinstance(figures, Summary | Suppressed)
        if block.gap is not None:
            assert block.gap.high_group not in hidden
            assert block.gap.low_group not in hidden
            shown_medians = [
                f.median
                for f in block.groups.values()
                if isinstance(f, Summary) and f.median is not None
            ]
            assert block.gap.high_median == max(shown_medians)
            assert block.gap.low_median == min(shown_medians)


@PROPERTY
@given(scenarios())
def test_overall_figures_match_the_statistics_module(scenario):
    levels, _, _, rows, _, k = scenario
    result = run(scenario)
    position = {level: i for i, level in enumerate(levels, start=1)}
    null_variance = (len(levels) ** 2 - 1) / 12
    for sid, statement in result.statements.items():
        values = sorted(a for s, _, a, c in rows if s == sid and a != DONT_KNOW for _ in range(c))
        dont_know = sum(c for s, _, a, c in rows if s == sid and a == DONT_KNOW)
        s = statement.overall
        if statement.withheld is not None:
            assert len(values) < k  # withheld: too few rated answers
            assert (s.n, s.rated, s.median) == (0, 0, None)
            continue
        assert (s.rated, s.dont_know) == (len(values), dont_know)
        assert s.median == statistics.median(values)
        assert math.isclose(s.mean, statistics.fmean(values))
        if len(values) >= 2:
            q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")  # type 7
            assert math.isclose(s.q1, q1, abs_tol=1e-9)
            assert math.isclose(s.q3, q3, abs_tol=1e-9)
            assert math.isclose(s.sd, statistics.stdev(values), rel_tol=1e-9, abs_tol=1e-9)
            positions = [position[v] for v in values]
            p1, _, p3 = statistics.quantiles(positions, n=4, method="inclusive")
            assert math.isclose(s.iqr_levels, p3 - p1, abs_tol=1e-9)
            if len(values) >= 5:
                expected_rwg = max(0.0, 1 - statistics.variance(positions) / null_variance)
                assert math.isclose(s.rwg, expected_rwg, abs_tol=1e-9)
            else:
                assert s.rwg is None


@PROPERTY
@given(
    st.lists(st.integers(0, 15), min_size=1, max_size=8),
    st.integers(3, 10),
)
def test_suppressed_groups_residual(ns_list, k):
    ns = {f"g{i}": n for i, n in enumerate(ns_list)}
    hidden = suppressed_groups(ns, k)
    assert _hidden_sum_ok([ns[g] for g in hidden], len(hidden) == len(ns), k)
    assert all(g in hidden for g, n in ns.items() if n < k)
    assert list(hidden) == [g for g in ns if g in hidden]  # display order
    # Complementary hiding is minimal: at most one group with n >= k is hidden.
    assert sum(1 for g in hidden if ns[g] >= k) <= 1


@PROPERTY
@given(scenarios(), st.integers(-10, 2))
def test_k_below_three_raises(scenario, k):
    levels, groups, _, rows, components, _ = scenario
    table = CountTable.from_rows(levels, rows)
    try:
        analyse(table, components, groups, k)
    except ValueError:
        return
    raise AssertionError(f"k={k} was accepted")


def test_seeded_random_tables_with_partial_answers():
    # Larger tables than hypothesis draws (7 groups, 6 statements, counts around k), where
    # people skip statements, so a group's n varies from statement to statement.
    rng = random.Random(7)
    groups = [f"g{i}" for i in range(7)]
    sids = tuple(f"s{s}" for s in range(6))
    levels = (1, 2, 3, 4, 5)
    for _ in range(50):
        rows = [
            (sid, g, rng.choice([*levels, DONT_KNOW]), rng.randint(0, 3))
            for sid in sids
            for g in groups
            for _ in range(3)
        ]
        spec = ComponentSpec("c", sids)
        result = analyse(CountTable.from_rows(levels, rows), [spec], groups, 5)
        for sid, statement in result.statements.items():
            cells = {g: _cell_counts(rows, sid, g) for g in groups}
            _check_statement_disclosure(statement, groups, cells, 5)
        _check_component_pooling(result, spec, groups)
