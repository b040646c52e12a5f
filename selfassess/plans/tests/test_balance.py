"""Findings about the plan as a whole: horizons, owners and dates, with counts by hand."""

from datetime import date, timedelta

from selfassess.plans.balance import check_balance
from selfassess.plans.checker import ActionDraft, PlanContext, check_plan

TODAY = date(2026, 5, 1)
DAYS = {"short": 60, "medium": 200, "long": 500}


def act(ref, horizon="medium", owner=None, due=None, status="not_started"):
    return ActionDraft(
        ref=ref,
        title="Train ward managers in run charts",
        owner=owner or f"Matron {ref}",
        horizon=horizon,
        due_on=due or TODAY + timedelta(days=DAYS[horizon] + 9 * ref),
        measure="20 ward managers each keep one run chart for 3 months.",
        planned_on=TODAY,
        status=status,
    )


def codes(actions):
    return sorted(f.code for f in check_balance(actions, PlanContext()))


def test_a_balanced_plan_has_no_plan_findings():
    plan = [act(1, "short"), act(2, "short"), act(3, "medium"), act(4, "long"), act(5)]
    assert codes(plan) == []


def test_nearly_all_short_term_is_told_with_its_count():
    plan = [act(i, "short") for i in range(1, 6)] + [act(6, "long")]
    (finding,) = check_balance(plan, PlanContext())
    assert finding.code == "mostly-short-term"
    assert finding.explanation.startswith("5 of the plan's 6 actions are short term")
    assert finding.ref is None
    three_of_five = [act(i, "short") for i in range(1, 4)] + [act(4, "long"), act(5, "medium")]
    assert codes(three_of_five) == []  # 60% is not nearly all


def test_all_short_term_says_every_action():
    assert codes([act(1, "short"), act(2, "short")]) == ["all-short-term"]


def test_stopped_actions_do_not_count_towards_balance():
    plan = [act(i, "short") for i in range(1, 5)] + [act(5, "long", status="stopped")]
    assert codes(plan) == ["all-short-term"]


def test_one_owner_with_far_more_actions_than_anyone_else():
    plan = [act(i, owner="Director of Nursing") for i in range(1, 5)]
    plan += [act(5, owner="Chief Pharmacist"), act(6, owner="Head of Estates")]
    (finding,) = check_balance(plan, PlanContext())
    assert finding.code == "owner-overloaded"
    assert finding.subject == "Director of Nursing"
    assert "owns 4 of the 6 actions; no one else owns more than 1" in finding.explanation


def test_owner_names_are_compared_ignoring_case_and_spaces():
    plan = [act(1, owner="Chief Nurse"), act(2, owner="chief  nurse"), act(3, owner="CHIEF NURSE")]
    plan += [act(4, owner="Medical Director")]
    assert codes(plan) == ["owner-overloaded"]


def test_an_even_spread_of_owners_is_fine():
    plan = [act(i, owner=f"Owner {i % 3}") for i in range(1, 7)]  # 2 each
    assert codes(plan) == []
    two_to_one = [act(i, owner="A") for i in range(1, 4)] + [act(i, owner="B") for i in (4, 5)]
    assert codes(two_to_one) == []  # 3 against 2 is not "far more"


def test_every_action_due_in_one_month():
    due = [date(2027, 3, d) for d in (3, 11, 20, 31)]
    plan = [act(i + 1, due=d) for i, d in enumerate(due)]
    (finding,) = check_balance(plan, PlanContext())
    assert finding.code == "all-due-one-month"
    assert "All 4 actions fall due in March 2027" in finding.explanation
    plan[0] = act(1, due=date(2027, 4, 1))
    assert codes(plan) == []


def test_check_plan_puts_plan_findings_after_the_actions():
    plan = [act(i * 5, "short", owner="Chief Nurse") for i in range(1, 5)]
    findings = check_plan(plan, TODAY)
    plan_level = [f.code for f in findings if f.ref is None]
    assert plan_level == ["all-short-term", "owner-overloaded"]
    assert all(f.ref is None for f in findings[-2:])
