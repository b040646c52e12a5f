"""The plan checker: advice on actions that nobody could follow up.

A plan fails quietly when it is made of impressive words: an action with no owner belongs to
nobody, one with no date never becomes late, one with no measure can never be shown to have
worked, and "deliver a world-class, transformational culture" tells no one what to do on
Monday. The checker reads each action, then the plan as a whole, and returns findings that
each say what is wrong and how to put it right. It only advises: nothing here stops a save.

This module is plain Python (no Django), so the web pages and the `selfassess plan check`
command share it, and it is tested on plain data.

The wording checks are deliberately simple word lists, documented below, so that anyone can
see why an action was flagged:

* grand adjectives (`GRAND_WORDS`): words that promise impact without describing any;
* vague promises (`VAGUE_PHRASES`): "aim to", "endeavour", "strive to", "commit to develop
  ... in the future" and the like, which put the doing off;
* strings of buzzwords: `BUZZWORD_LIMIT` or more words from `BUZZWORDS` in one action;
* a title with no verb a person could do this month: none of the title's words is one of
  `DOABLE_VERBS` (concrete verbs such as run, hold, train, publish, appoint). Verbs that
  describe an outcome rather than a task (transform, embed, empower, drive, improve) are
  deliberately not in the list.

Horizons: short is 0 to 3 months, medium 3 to 12 months, long 1 to 3 years, counted from the
day the action was planned (or today, when that is not known). Horizons are approximate, so a
due date within `HORIZON_SLACK_DAYS` of a boundary still fits.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

SHORT, MEDIUM, LONG = "short", "medium", "long"
CLOSED = frozenset({"done", "stopped"})

# Days from the planning date to the due date that each horizon covers, before slack.
HORIZON_DAYS = {SHORT: (0, 91), MEDIUM: (91, 365), LONG: (365, 3 * 365)}
HORIZON_NAMES = {SHORT: "short term (0 to 3 months)", MEDIUM: "medium term (3 to 12 months)"}
HORIZON_NAMES[LONG] = "long term (1 to 3 years)"
HORIZON_SLACK_DAYS = 14

# A plan of this many actions or more that are all short term crowds out lasting change.
ALL_SHORT_MIN_ACTIONS = 2

GRAND_WORDS = frozenset(
    {
        "world-class",
        "world class",
        "transformational",
        "transformative",
        "outstanding",
        "excellence",
        "best-in-class",
        "best in class",
        "cutting-edge",
        "cutting edge",
        "game-changing",
        "game changing",
        "revolutionary",
        "exceptional",
        "unparalleled",
        "unrivalled",
        "first-class",
        "pioneering",
        "ground-breaking",
        "groundbreaking",
        "seamless",
        "gold standard",
    }
)

VAGUE_PHRASES = (
    ("aim to", r"\baim(?:s|ing)? to\b"),
    ("endeavour", r"\bendeavou?r(?:s|ing)?\b"),
    ("strive", r"\bstriv(?:e|es|ing)\b"),
    ("seek to", r"\bseek(?:s|ing)? to\b"),
    ("look to", r"\blook(?:s|ing)? to\b"),
    ("hope to", r"\bhop(?:e|es|ing) to\b"),
    ("commit to", r"\bcommit(?:s|ted|ting)? to\b"),
    ("in the future", r"\bin (?:the )?future\b"),
    ("going forward", r"\bgoing forward\b"),
    ("where possible", r"\bwhere(?:ver)? possible\b"),
    ("as appropriate", r"\bas appropriate\b"),
    ("continue to", r"\bcontinu(?:e|es|ing) to\b"),
)

BUZZWORDS = frozenset(
    {
        "synergy",
        "synergies",
        "leverage",
        "leveraging",
        "empower",
        "empowering",
        "empowerment",
        "paradigm",
        "holistic",
        "innovative",
        "innovation",
        "transformation",
        "transformational",
        "journey",
        "ecosystem",
        "agile",
        "dynamic",
        "stakeholder",
        "stakeholders",
        "engagement",
        "alignment",
        "aligned",
        "embed",
        "embedding",
        "step-change",
        "best practice",
        "value-added",
        "co-production",
        "system-wide",
        "whole-system",
        "joined-up",
        "drive",
        "driving",
        "optimise",
        "optimising",
        "streamline",
        "streamlining",
        "excellence",
        "world-class",
        "vision",
        "enablers",
        "enabler",
        "deliverables",
        "outcomes-focused",
        "person-centred",
        "sustainable",
        "sustainability",
    }
)
BUZZWORD_LIMIT = 3

# Split from one string so the list reads as prose; a verb per line would run to pages.
DOABLE_VERBS = frozenset(
    """
    add adopt agree allocate analyse appoint arrange ask assign audit book brief buy call check
    choose co-design coach collect compare contact convene create decide define design draft
    email employ establish fund gather give hire hold host include interview introduce invite
    join launch map measure meet mentor move offer pair phone pilot present print produce
    publish read record recruit release remove replace report research reserve review rewrite
    run schedule send set shadow share simplify speak start stop survey swap teach test track
    train trial update upload visit walk write
    """.split()  # noqa: SIM905
)

WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass
class ActionDraft:
    """What the checker reads of one action, from the database or a spreadsheet row.

    ``ref`` is how a finding points back to it: an action's id or a row number.
    ``planned_on`` is when the action was planned; horizons are counted from it.
    """

    ref: object
    title: str = ""
    description: str = ""
    owner: str = ""
    due_on: date | None = None
    measure: str = ""
    horizon: str = ""
    status: str = "not_started"
    statement_ids: Sequence[str] = ()
    component_ids: Sequence[str] = ()
    planned_on: date | None = None


@dataclass(frozen=True)
class Finding:
    """One piece of advice. ``ref`` is None for a finding about the whole plan."""

    code: str
    ref: object
    explanation: str
    fix: str
    subject: str = ""


@dataclass(frozen=True)
class PlanContext:
    """What the plan-wide checks need to know about the assessment.

    ``components_with_gap`` maps component id to title for components where at least one
    statement's agreed target is above its agreed current level; ``statement_components`` maps
    each statement id to its component id.
    """

    components_with_gap: Mapping[str, str] = field(default_factory=dict)
    statement_components: Mapping[str, str] = field(default_factory=dict)


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _verb_forms(word: str) -> set[str]:
    """The word and the stems it could come from (runs, trained, holding, publishes)."""
    forms = {word}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # running -> run
    return forms


def has_doable_verb(title: str) -> bool:
    return any(_verb_forms(word) & DOABLE_VERBS for word in _words(title))


def grand_words_in(text: str) -> list[str]:
    lowered = text.lower()
    return sorted(
        {
            g
            for g in GRAND_WORDS
            if re.search(r"(?<![a-z-])" + re.escape(g) + r"(?![a-z-])", lowered)
        }
    )


def vague_phrases_in(text: str) -> list[str]:
    lowered = text.lower()
    return [name for name, pattern in VAGUE_PHRASES if re.search(pattern, lowered)]


def buzzwords_in(text: str) -> list[str]:
    """The different buzzwords in the text, in the order they first appear."""
    lowered = text.lower()
    found = [w for w in _words(lowered) if w in BUZZWORDS]
    found += [p for p in BUZZWORDS if " " in p and p in lowered]
    return list(dict.fromkeys(found))


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def _subject(action: ActionDraft) -> str:
    return action.title.strip() or "An action with no title"


def _horizon_fits(horizon: str, days: int) -> bool:
    low, high = HORIZON_DAYS[horizon]
    low = low - HORIZON_SLACK_DAYS if low else low
    return low <= days <= high + HORIZON_SLACK_DAYS


def _fitting_horizon(days: int) -> str | None:
    for horizon, (low, high) in HORIZON_DAYS.items():
        if low <= days <= high:
            return horizon
    return None


def check_action(action: ActionDraft, today: date) -> list[Finding]:
    """Findings about one action, in the order a reader would fix them."""
    findings = []
    subject = _subject(action)

    def add(code, explanation, fix):
        findings.append(Finding(code, action.ref, explanation, fix, subject))

    is_open = action.status not in CLOSED
    if not action.title.strip():
        add(
            "no-title",
            "The action has no title, so nobody can tell what it is.",
            "Give it a short title that starts with what will be done, like “Run a two-day "
            "improvement skills course for ward managers”.",
        )
    if not action.owner.strip():
        add(
            "no-owner",
            "Nobody owns this action, so nobody will be asked how it is going.",
            "Name one person or role who will answer for it, like “Head of Quality Improvement”.",
        )
    if action.due_on is None:
        add(
            "no-date",
            "There is no due date, so the action can never be late and is easy to put off.",
            "Set the date by which it will be done.",
        )
    if not action.measure.strip():
        add(
            "no-measure",
            "There is no measure of success, so nobody will be able to tell whether it worked.",
            "Say what will be counted or seen when it has worked, like “80% of ward managers "
            "trained by March, and each has led one test of change”.",
        )
    if is_open and action.due_on is not None and action.due_on < today:
        add(
            "date-past",
            f"The due date, {action.due_on:%-d %B %Y}, has passed and the action is not done.",
            "Mark it done or stopped if it is, or agree a new date and say why it moved in a "
            "progress note.",
        )
    if action.horizon not in HORIZON_DAYS:
        add(
            "horizon-unknown",
            f"The horizon “{action.horizon}” is not one of short, medium or long."
            if action.horizon
            else "The action has no horizon.",
            "Choose short (0 to 3 months), medium (3 to 12 months) or long (1 to 3 years).",
        )
    elif is_open and action.due_on is not None and action.due_on >= today:
        _check_horizon(action, today, add)
    _check_wording(action, add)
    return findings


def _check_horizon(action, today, add):
    start = action.planned_on or today
    days = (action.due_on - start).days
    if _horizon_fits(action.horizon, days):
        return
    fitting = _fitting_horizon(days)
    if fitting is None:
        fix = "Split it into steps that can each be done within 3 years, or bring the date in."
    else:
        fix = f"Change the horizon to {HORIZON_NAMES[fitting]}, or change the date."
    add(
        "horizon-mismatch",
        f"The horizon is {HORIZON_NAMES[action.horizon]} but the due date is {days} days "
        f"after the action was planned.",
        fix,
    )


def _check_wording(action, add):
    text = f"{action.title}\n{action.description}"
    grand = grand_words_in(text)
    if grand:
        add(
            "grand-words",
            f"It uses words that promise impact without saying what will be done: "
            f"{_quoted(grand)}.",
            "Replace them with what will actually happen, for whom and how many, such as "
            "“train 40 ward managers” instead of “world-class capability”.",
        )
    vague = vague_phrases_in(text)
    if vague:
        add(
            "vague-promise",
            f"It puts the doing off with {_quoted(vague)}: an intention, not an action.",
            "Say what will be done and by when, as a plain instruction: “Hold…”, “Publish…”, "
            "“Train…”.",
        )
    buzz = buzzwords_in(text)
    if len(buzz) >= BUZZWORD_LIMIT:
        add(
            "buzzwords",
            f"It strings together {len(buzz)} buzzwords ({_quoted(buzz)}), "
            "which sound like progress but describe no task.",
            "Rewrite it in everyday words: who will do what, with whom, and what they will "
            "produce.",
        )
    if action.title.strip() and not has_doable_verb(action.title):
        add(
            "no-verb",
            "The title does not say what anyone will do: there is no verb a person could act "
            "on this month.",
            "Start the title with a concrete verb, like “Run”, “Hold”, “Train”, “Publish” or "
            "“Appoint”, followed by what and for whom.",
        )


def check_plan(
    actions: Sequence[ActionDraft], today: date, context: PlanContext | None = None
) -> list[Finding]:
    """Findings about each action, then about the plan as a whole (``ref`` None)."""
    context = context or PlanContext()
    findings = [finding for action in actions for finding in check_action(action, today)]
    findings += _check_gaps(actions, context)
    findings += _check_balance(actions)
    return findings


def _check_gaps(actions, context):
    covered = set()
    for action in actions:
        if action.status == "stopped":
            continue
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


def _check_balance(actions):
    live = [a for a in actions if a.status != "stopped"]
    if len(live) >= ALL_SHORT_MIN_ACTIONS and all(a.horizon == SHORT for a in live):
        return [
            Finding(
                "all-short-term",
                None,
                "Every action is short term. Quick wins matter, but building capability "
                "takes longer, and a plan of only short-term actions crowds it out.",
                "Add at least one medium-term (3 to 12 months) or long-term (1 to 3 years) "
                "action, such as a training programme or a change to how performance is "
                "reviewed.",
                "The whole plan",
            )
        ]
    return []
