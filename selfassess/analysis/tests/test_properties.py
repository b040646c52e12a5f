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
        assert math.isclose(sum(s.shares.values()), 1.0)
        if s.rated >= 2:
            assert 0 <= s.rwg <= 1
            assert s.sd >= 0
        else:
            assert s.rwg is None and s.sd is None
    for component in result.components.values():
        assert component.rwg_j is None or 0 <= component.rwg_j <= 1
    for block in (*result.statements.values(), *result.components.values()):
        if block.gap is not None:
            assert block.gap.gap >= 0
            assert block.gap.gap == block.gap.high_median - block.gap.low_median


def _hidden_sum_ok(hidden_ns, all_hidden, k):
    total = sum(hidden_ns)
    return total == 0 or total >= k or all_hidden


@PROPERTY
@given(scenarios())
def test_suppression_residual_and_visibility(scenario):
    _, groups, _, rows, components, k = scenario
    result = run(scenario)
    for sid, statement in result.statements.items():
        ns = {g: n_from_rows(rows, {sid}, g) for g in groups}
        hidden = [g for g, f in statement.groups.items() if isinstance(f, Suppressed)]
        assert list(statement.groups) == groups
        assert _hidden_sum_ok([ns[g] for g in hidden], len(hidden) == len(groups), k)
        for g, figures in statement.groups.items():
            if ns[g] < k:
                assert isinstance(figures, Suppressed)
            if isinstance(figures, Summary):
                assert figures.n == ns[g] >= k
                expected = {a: 0 for a in result.levels}
                for s, gg, a, c in rows:
                    if s == sid and gg == g and a != DONT_KNOW:
                        expected[a] += c
                assert figures.distribution == expected
    for spec in components:
        component = result.components[spec.id]
        people = {
            g: max((n_from_rows(rows, {sid}, g) for sid in spec.statement_ids), default=0)
            for g in groups
        }
        hidden = [g for g, f in component.groups.items() if isinstance(f, Suppressed)]
        assert _hidden_sum_ok([people[g] for g in hidden], len(hidden) == len(groups), k)
        for g in groups:
            if people[g] < k:
                assert isinstance(component.groups[g], Suppressed)
            # Hidden for a statement in which it answered -> hidden for the component.
            for sid in spec.statement_ids:
                in_statement = result.statements[sid].groups[g]
                if isinstance(in_statement, Suppressed) and n_from_rows(rows, {sid}, g):
                    assert isinstance(component.groups[g], Suppressed)


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
    levels, _, _, rows, _, _ = scenario
    result = run(scenario)
    position = {level: i for i, level in enumerate(levels, start=1)}
    null_variance = (len(levels) ** 2 - 1) / 12
    for sid, statement in result.statements.items():
        values = sorted(a for s, _, a, c in rows if s == sid and a != DONT_KNOW for _ in range(c))
        dont_know = sum(c for s, _, a, c in rows if s == sid and a == DONT_KNOW)
        s = statement.overall
        assert (s.rated, s.dont_know) == (len(values), dont_know)
        if not values:
            continue
        assert s.median == statistics.median(values)
        assert math.isclose(s.mean, statistics.fmean(values))
        if len(values) >= 2:
            q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")  # type 7
            assert math.isclose(s.q1, q1, abs_tol=1e-9)
            assert math.isclose(s.q3, q3, abs_tol=1e-9)
            assert math.isclose(s.sd, statistics.stdev(values), rel_tol=1e-9, abs_tol=1e-9)
            positions = [position[v] for v in values]
            expected_rwg = max(0.0, 1 - statistics.variance(positions) / null_variance)
            assert math.isclose(s.rwg, expected_rwg, abs_tol=1e-9)


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
    for _ in range(50):
        rows = [
            (sid, g, rng.choice([1, 2, 3, 4, 5, DONT_KNOW]), rng.randint(0, 3))
            for sid in sids
            for g in groups
            for _ in range(3)
        ]
        result = analyse(
            CountTable.from_rows((1, 2, 3, 4, 5), rows), [ComponentSpec("c", sids)], groups, 5
        )
        blocks = [(b, {b.statement_id}) for b in result.statements.values()]
        blocks.append((result.components["c"], set(sids)))
        for block, statement_ids in blocks:
            hidden = [g for g, f in block.groups.items() if isinstance(f, Suppressed)]
            ns = [max(n_from_rows(rows, {sid}, g) for sid in statement_ids) for g in hidden]
            assert _hidden_sum_ok(ns, len(hidden) == len(groups), 5)
