"""Comparison figures against values worked out by hand from the answers in conftest.

Medians are type 7 (the usual median: the middle answer, or the mean of the two middle ones).
Earlier:  a-1 2,2,3,3 (2.5)  a-2 1,2,2,2 (2)  a-3 3,3,3,3 (3)  b-1 1,1,5,5 (3)  b-2 4,4,4,DK (4)
Later:    a-1 3,3,4,4 (3.5)  a-2 1,1,2,2 (1.5) a-3 3,3,3,3 (3)  b-1 3,3,3,4 (3)  b-2 1,1,5,5 (3)
b-1 earlier and b-2 later are contested: the middle half of 1,1,5,5 spans 1 to 5.
"""

import pytest

from selfassess.assessments.tests.factories import small_framework, small_framework_yaml
from selfassess.cycles.comparison import compare
from selfassess.cycles.loading import NotComparableCycles
from selfassess.frameworks.schema import parse_framework
from selfassess.organisations.tests.factories import OrganisationFactory

from .conftest import EARLIER_ANSWERS, LATER_ANSWERS
from .helpers import make_cycle

pytestmark = pytest.mark.django_db


def by_id(comparison):
    return {s.statement_id: s for s in comparison.statements}


def test_statement_medians_and_changes(earlier, later):
    statements = by_id(compare(earlier, later))
    expected = {
        "a-1": (2.5, 3.5, 1.0),
        "a-2": (2.0, 1.5, -0.5),
        "a-3": (3.0, 3.0, 0.0),
        "b-1": (3.0, 3.0, 0.0),
        "b-2": (4.0, 3.0, -1.0),
    }
    for statement_id, (before, after, moved) in expected.items():
        s = statements[statement_id]
        assert (s.earlier_median, s.later_median, s.median_change) == (before, after, moved)


def test_agreed_levels_and_their_changes(earlier, later):
    statements = by_id(compare(earlier, later))
    assert (statements["a-1"].earlier_agreed, statements["a-1"].later_agreed) == (2, 3)
    assert statements["a-1"].agreed_change == 1
    assert statements["a-2"].agreed_change == 0
    # Agreed only in the later cycle: no change can be worked out.
    assert statements["a-3"].earlier_agreed is None
    assert statements["a-3"].agreed_change is None
    assert statements["b-2"].later_agreed is None


def test_component_figures_pool_the_shared_statements(earlier, later):
    components = {c.component_id: c for c in compare(earlier, later).components}
    a, b = components["comp-a"], components["comp-b"]
    # A earlier: 1,2,2,2,2,2,3,3,3,3,3,3 -> 6th and 7th are 2 and 3 -> 2.5.
    # A later:   1,1,2,2,3,3,3,3,3,3,4,4 -> 6th and 7th are 3 and 3 -> 3.
    assert (a.earlier.median, a.later.median, a.median_change) == (2.5, 3.0, 0.5)
    # B earlier: 1,1,4,4,4,5,5 (don't know left out) -> 4. B later: 1,1,3,3,3,4,5,5 -> 3.
    assert (b.earlier.median, b.later.median, b.median_change) == (4.0, 3.0, -1.0)
    # Agreed in both cycles: A has a-1 (2 then 3) and a-2 (2 then 2); B has b-1 (3 then 3).
    assert (a.earlier_agreed, a.later_agreed, a.agreed_change) == (2.0, 2.5, 0.5)
    assert a.agreed_statements == 2
    assert (b.earlier_agreed, b.later_agreed, b.agreed_change) == (3.0, 3.0, 0.0)
    assert [x.title for x in b.earlier_actions] == ["Set up a measurement for improvement course"]


def test_what_moved_most_and_what_became_contested(earlier, later):
    comparison = compare(earlier, later)
    assert [s.statement_id for s in comparison.moved] == ["a-1", "a-2", "b-2"]
    assert [s.statement_id for s in comparison.moved_up] == ["a-1"]
    assert [s.statement_id for s in comparison.moved_down] == ["b-2", "a-2"]
    # b-1 earlier and b-2 later spread 1,1,5,5, but four rated answers are too few to call a
    # statement contested (it needs at least 5): see the five-person cycles below.
    assert comparison.started_contested == []
    assert comparison.stopped_contested == []
    assert comparison.not_comparable == []
    assert comparison.same_version


def test_becoming_and_ceasing_to_be_contested_with_five_people(organisation):
    # Five people a cycle. b-1: 1,1,5,5,5 (middle half 1 to 5, 4 levels >= 2: contested), then
    # 3,3,3,3,4 (middle half 3 to 3; s^2 = 0.2, r_wg = 1 - 0.2 / 2 = 0.9: not contested).
    # b-2 the other way round.
    spread, close = [1, 1, 5, 5, 5], [3, 3, 3, 3, 4]
    first = make_cycle(organisation, "2024/25", {"b-1": spread, "b-2": close})
    second = make_cycle(
        organisation, "2025/26", {"b-1": close, "b-2": spread}, status="closed", previous=first
    )
    comparison = compare(first, second)
    assert [s.statement_id for s in comparison.started_contested] == ["b-2"]
    assert [s.statement_id for s in comparison.stopped_contested] == ["b-1"]


def test_earlier_plan_actions_for_the_statements_that_moved(earlier, later):
    comparison = compare(earlier, later)
    moved = {s.statement_id: s for s in comparison.moved_with_actions}
    # a-3 had a done action but did not move, so it is not listed.
    assert set(moved) == {"a-1", "a-2"}
    assert [a.title for a in moved["a-1"].done_actions] == [
        "Coach every team lead in daily huddles"
    ]
    assert [a.title for a in moved["a-2"].done_actions] == []
    assert [a.status for a in moved["a-2"].earlier_actions] == ["in_progress"]


def test_different_framework_versions_compare_the_statements_they_share(organisation, earlier):
    # Version 2 drops a-3, adds a-4 and rewords b-1.
    text = small_framework_yaml(version="2").replace("id: a-3", "id: a-4")
    text = text.replace("text: Statement b-1.", "text: Statement b-1, reworded.")
    later_answers = {("a-4" if k == "a-3" else k): v for k, v in LATER_ANSWERS.items()}
    later = make_cycle(
        organisation, "2025/26", later_answers, framework=parse_framework(text, "v2.yaml")
    )
    comparison = compare(earlier, later)
    assert not comparison.same_version
    statements = by_id(comparison)
    assert set(statements) == {"a-1", "a-2", "b-1", "b-2"}
    assert statements["b-1"].reworded and not statements["a-1"].reworded
    assert {(row.statement_id, row.reason) for row in comparison.not_comparable} == {
        ("a-3", "Only in 2024/25: removed from the framework."),
        ("a-4", "Only in 2025/26: new in the framework."),
    }
    component_a = next(c for c in comparison.components if c.component_id == "comp-a")
    # Over a-1 and a-2 only. Earlier: 1,2,2,2,2,2,3,3 -> 2. Later: 1,1,2,2,3,3,4,4 -> 2.5.
    assert component_a.statement_ids == ("a-1", "a-2")
    assert (component_a.earlier.median, component_a.later.median) == (2.0, 2.5)


def test_a_different_scale_makes_every_statement_not_comparable(organisation, earlier):
    four_levels = small_framework(version="2", levels=4)
    answers = {sid: [1, 2, 3, 4] for sid in EARLIER_ANSWERS}
    later = make_cycle(organisation, "2025/26", answers, framework=four_levels)
    comparison = compare(earlier, later)
    assert not comparison.scale_matches
    assert comparison.statements == [] and comparison.components == []
    assert len(comparison.not_comparable) == 5
    assert all("scales differ" in row.reason for row in comparison.not_comparable)


def test_cycles_of_another_organisation_or_framework_are_refused(earlier):
    other = make_cycle(OrganisationFactory(), "2025/26", LATER_ANSWERS)
    with pytest.raises(NotComparableCycles, match="same organisation"):
        compare(earlier, other)
    with pytest.raises(NotComparableCycles, match="two different"):
        compare(earlier, earlier)
    different = make_cycle(
        earlier.organisation,
        "2025/26",
        {"a-1": [1, 2, 3]},
        framework=small_framework(framework_id="other-framework"),
    )
    with pytest.raises(NotComparableCycles, match="different frameworks"):
        compare(earlier, different)
