"""Findings about a plan as a whole: whether its actions, together, can make lasting change.

NHS IMPACT asks for "strategic ambidexterity": quick wins and long-term capability at once.
A plan can be made of good actions and still fail as a whole when:

* it is all, or nearly all, short term (`MOSTLY_SHORT_SHARE` of at least
  `MOSTLY_SHORT_MIN_ACTIONS` actions), so nothing builds capability that lasts;
* a component the workshop agreed has a gap has no action working on it;
* one owner holds far more actions than anyone else (at least `OVERLOAD_MIN`, and at least
  `OVERLOAD_RATIO` times the next owner's, in a plan of at least `OVERLOAD_MIN_ACTIONS`), so
  the plan rests on one diary;
* every action falls due in one calendar month, so nothing is reviewed in between and
  everything is late together.

Stopped actions are left out: they no longer make up the plan. Plain Python, like the checker.
"""

from collections import Counter

from .checker import SHORT, ActionDraft, Finding, PlanContext

ALL_SHORT_MIN_ACTIONS = 2
MOSTLY_SHORT_MIN_ACTIONS = 5
MOSTLY_SHORT_SHARE = 0.8
OVERLOAD_MIN = 3
OVERLOAD_RATIO = 2
OVERLOAD_MIN_ACTIONS = 4
ONE_MONTH_MIN_ACTIONS = 4
WHOLE_PLAN = "The whole plan"


def _live(actions):
    return [a for a in actions if a.status != "stopped"]


def check_balance(actions: list[ActionDraft], context: PlanContext) -> list[Finding]:
    live = _live(actions)
    return [
        *_gaps(actions, context),
        *_short_term(live),
        *_overloaded_owner(live),
        *_one_month(live),
    ]


def _gaps(actions, context):
    covered = set()
    for action in _live(actions):
        covered.update(action.component_ids)
        covered.update(
            context.statement_components[s]
            for s in action.statement_ids
            if s in context.statement_components
        )
    return [
        Finding(
            "gap-without-action",
            None,
            f"“{title}” has statements whose agreed target is above the agreed current level, "
            "but no action works on it.",
            "Add an action for this component, or record in the plan why it can wait.",
            title,
        )
        for component_id, title in context.components_with_gap.items()
        if component_id not in covered
    ]


def _short_term(live):
    short = sum(a.horizon == SHORT for a in live)
    fix = (
        "Add at least one medium-term (3 to 12 months) or long-term (1 to 3 years) action, "
        "such as a training programme or a change to how performance is reviewed."
    )
    if len(live) >= ALL_SHORT_MIN_ACTIONS and short == len(live):
        return [
            Finding(
                "all-short-term",
                None,
                "Every action is short term. Quick wins matter, but building capability "
                "takes longer, and a plan of only short-term actions crowds it out.",
                fix,
                WHOLE_PLAN,
            )
        ]
    if len(live) >= MOSTLY_SHORT_MIN_ACTIONS and short >= MOSTLY_SHORT_SHARE * len(live):
        return [
            Finding(
                "mostly-short-term",
                None,
                f"{short} of the plan's {len(live)} actions are short term. Quick wins "
                "matter, but capability takes longer to build, and this plan leaves little "
                "room for it.",
                fix,
                WHOLE_PLAN,
            )
        ]
    return []


def _owner_key(owner: str) -> str:
    return " ".join(owner.casefold().split())


def _overloaded_owner(live):
    owners = Counter(_owner_key(a.owner) for a in live if a.owner.strip())
    if not owners or len(live) < OVERLOAD_MIN_ACTIONS:
        return []
    (top, most), *rest = owners.most_common()
    after = rest[0][1] if rest else 0
    if most < OVERLOAD_MIN or most < OVERLOAD_RATIO * max(after, 1):
        return []
    shown = next(a.owner.strip() for a in live if _owner_key(a.owner) == top)
    return [
        Finding(
            "owner-overloaded",
            None,
            f"“{shown}” owns {most} of the {len(live)} actions; no one else owns more than "
            f"{after}. If that diary fills up, most of the plan stops.",
            "Share the actions out: give some to the people who will do the work, with the "
            "busy owner as sponsor if needed.",
            shown,
        )
    ]


def _one_month(live):
    dated = [a.due_on for a in live if a.due_on is not None]
    months = {(d.year, d.month) for d in dated}
    if len(dated) < ONE_MONTH_MIN_ACTIONS or len(months) != 1:
        return []
    month = dated[0]
    return [
        Finding(
            "all-due-one-month",
            None,
            f"All {len(dated)} actions fall due in {month:%B %Y}, so nothing is checked "
            "before then and everything is late together if that month goes wrong.",
            "Spread the dates: set early steps for the coming weeks and months, so progress "
            "can be seen and reported along the way.",
            WHOLE_PLAN,
        )
    ]
