"""The plan checker on a set of actions whose findings were worked out by reading them."""

from datetime import date, timedelta

import pytest

from selfassess.plans.checker import (
    ActionDraft,
    PlanContext,
    check_action,
    check_plan,
    has_doable_verb,
)

TODAY = date(2026, 5, 1)


def days(n):
    return TODAY + timedelta(days=n)


def good(ref, **changes):
    """A well-written action: owner, date, measure, horizon that fits, plain words."""
    fields = {
        "title": "Run a two-day improvement skills course for 40 ward managers",
        "description": "Book the training rooms, invite ward managers by rota and run the "
        "course twice so night staff can come.",
        "owner": "Head of Quality Improvement",
        "due_on": days(60),
        "measure": "40 ward managers trained by July; each leads one test of change by October.",
        "horizon": "short",
    }
    return ActionDraft(ref=ref, **{**fields, **changes})


WELL_WRITTEN = [
    good("course"),
    good(
        "publish",
        title="Publish the board's three improvement priorities on the staff intranet",
        due_on=days(200),
        horizon="medium",
    ),
    good(
        "coaches",
        title="Appoint two improvement coaches for the surgical division",
        due_on=days(500),
        horizon="long",
    ),
    good(
        "huddles",
        title="Hold a 10-minute improvement huddle on every ward each week",
        due_on=days(100),  # just past 3 months, within the slack of two weeks
    ),
    good("finished", title="Train the board in improvement methods", due_on=days(-30)),
]
WELL_WRITTEN[-1].status = "done"


def codes(findings):
    return sorted(f.code for f in findings)


@pytest.mark.parametrize("action", WELL_WRITTEN, ids=lambda a: a.ref)
def test_well_written_actions_are_not_flagged(action):
    assert check_action(action, TODAY) == []


def test_missing_owner_date_and_measure_are_each_reported():
    action = good("bare", owner="  ", due_on=None, measure="")
    assert codes(check_action(action, TODAY)) == ["no-date", "no-measure", "no-owner"]


def test_a_past_date_is_flagged_only_while_the_action_is_open():
    late = good("late", due_on=days(-1), status="in_progress")
    assert codes(check_action(late, TODAY)) == ["date-past"]
    assert "1 May 2026" not in check_action(late, TODAY)[0].explanation
    assert "30 April 2026" in check_action(late, TODAY)[0].explanation
    stopped = good("stopped", due_on=days(-1), status="stopped")
    assert check_action(stopped, TODAY) == []


@pytest.mark.parametrize(
    ("horizon", "due_in", "flagged"),
    [
        ("short", 105, False),  # 91 + 14 days of slack
        ("short", 106, True),
        ("short", 300, True),
        ("medium", 77, False),  # 91 - 14
        ("medium", 76, True),
        ("medium", 379, False),  # 365 + 14
        ("long", 60, True),
        ("long", 351, False),
        ("long", 3 * 365 + 15, True),
    ],
)
def test_a_horizon_must_fit_the_due_date(horizon, due_in, flagged):
    action = good("h", horizon=horizon, due_on=days(due_in))
    assert codes(check_action(action, TODAY)) == (["horizon-mismatch"] if flagged else [])


def test_the_horizon_is_counted_from_when_the_action_was_planned():
    """Planned a year ago as long term, due in two months: it still fits its horizon."""
    action = good("old", horizon="long", due_on=days(60), planned_on=days(-400))
    assert check_action(action, TODAY) == []


def test_the_horizon_fix_names_the_horizon_that_fits():
    (finding,) = check_action(good("h", horizon="short", due_on=days(300)), TODAY)
    assert "medium term (3 to 12 months)" in finding.fix


def test_grand_words_and_a_title_with_no_verb():
    action = good("grand", title="World-class transformational improvement culture")
    findings = check_action(action, TODAY)
    assert codes(findings) == ["grand-words", "no-verb"]
    grand = next(f for f in findings if f.code == "grand-words")
    assert "“world-class”" in grand.explanation
    assert "“transformational”" in grand.explanation


@pytest.mark.parametrize(
    "title",
    [
        "We aim to run more huddles",
        "Endeavour to hold monthly reviews",
        "Commit to develop a leadership framework in the future",
        "Continue to share learning where possible",
    ],
)
def test_vague_promises_are_flagged(title):
    assert "vague-promise" in codes(check_action(good("v", title=title), TODAY))


def test_a_string_of_buzzwords_is_flagged_but_one_or_two_are_not():
    buzz = good("buzz", title="Leverage synergies to empower stakeholders across the ecosystem")
    assert codes(check_action(buzz, TODAY)) == ["buzzwords", "no-verb"]
    two = good("two", title="Survey staff engagement with the improvement vision")
    assert check_action(two, TODAY) == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Run a course", True),
        ("Training ward managers", True),
        ("Published the priorities", True),
        ("Holds weekly huddles", True),
        ("Improvement culture transformation", False),
        ("Embed and empower a learning organisation", False),
        ("Better staff engagement", False),
    ],
)
def test_doable_verbs(title, expected):
    assert has_doable_verb(title) is expected


def test_findings_point_back_to_their_action_and_explain_the_fix():
    (finding,) = check_action(good(7, owner=""), TODAY)
    assert finding.ref == 7
    assert finding.subject.startswith("Run a two-day")
    assert finding.explanation and finding.fix


def test_a_component_with_a_gap_but_no_action_is_flagged():
    context = PlanContext(
        components_with_gap={"comp-a": "Component A", "comp-b": "Component B"},
        statement_components={"a-1": "comp-a", "b-1": "comp-b"},
    )
    by_statement = good(1, statement_ids=["a-1"], horizon="medium", due_on=days(200))
    stopped_for_b = good(2, component_ids=["comp-b"], status="stopped")
    findings = check_plan([by_statement, stopped_for_b], TODAY, context)
    (gap,) = [f for f in findings if f.code == "gap-without-action"]
    assert gap.ref is None
    assert gap.subject == "Component B"

    by_component = good(3, component_ids=["comp-b"])
    findings = check_plan([by_statement, by_component], TODAY, context)
    assert "gap-without-action" not in codes(findings)


def test_a_plan_of_only_short_term_actions_is_flagged():
    short_only = [good(1), good(2)]
    assert codes(check_plan(short_only, TODAY)) == ["all-short-term"]
    mixed = [good(1), good(2, horizon="medium", due_on=days(200))]
    assert check_plan(mixed, TODAY) == []
    assert check_plan([good(1)], TODAY) == []  # one action is not yet a pattern
