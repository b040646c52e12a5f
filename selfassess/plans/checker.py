"""The plan checker: advice on actions that nobody could follow up.

A plan fails quietly when it is made of impressive words: an action with no owner belongs to
nobody, one with no date never becomes late, one with no measure can never be shown to have
worked, and "deliver a world-class, transformational culture" tells no one what to do on
Monday. A plan can also fill in every box and still fail: a measure that counts only that a
report was published, a workshop whose end is to agree next steps, an action that waits on
another body. The checker reads each action, then the plan as a whole (`balance`), and
returns findings that each say what is wrong and how to put it right. It only advises:
nothing here stops a save.

This module is plain Python (no Django), so the web pages and the `selfassess plan check`
command share it, and it is tested on plain data and on a labelled corpus of actions
(`tests/data/plan_corpus.yaml`, measured by `make bench`).

What each check looks for is in `wording` (word lists and patterns) and `measures` (whether
a measure measures anything); here they are turned into findings:

* missing owner, date, measure or title; a date past while the action is open; a horizon
  that does not fit the due date;
* an owner that is nobody in particular: "TBC", "all staff", "the improvement team";
* a measure that is vague or counts only outputs;
* grand words, vague promises, hedges, strings of buzzwords, jargon and abbreviations the
  glossary does not define;
* process that leads only to more process, and actions that depend on another body;
* a title with no verb a person could do this month (`DOABLE_VERBS`).

Horizons: short is 0 to 3 months, medium 3 to 12 months, long 1 to 3 years, counted from the
day the action was planned (or today, when that is not known). Horizons are approximate, so a
due date within `HORIZON_SLACK_DAYS` of a boundary still fits.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from . import measures, wording

SHORT, MEDIUM, LONG = "short", "medium", "long"
CLOSED = frozenset({"done", "stopped"})

# Days from the planning date to the due date that each horizon covers, before slack.
HORIZON_DAYS = {SHORT: (0, 91), MEDIUM: (91, 365), LONG: (365, 3 * 365)}
HORIZON_NAMES = {SHORT: "short term (0 to 3 months)", MEDIUM: "medium term (3 to 12 months)"}
HORIZON_NAMES[LONG] = "long term (1 to 3 years)"
HORIZON_SLACK_DAYS = 14

DEFAULT_FRAMEWORK = Path(__file__).resolve().parent.parent / "frameworks/library/nhs-impact.yaml"

# Split from one string so the list reads as prose; a verb per line would run to pages.
# Verbs that describe an outcome rather than a task (transform, embed, empower, drive,
# improve, ensure, support, develop) are deliberately left out.
DOABLE_VERBS = frozenset(
    """
    add adopt agree allocate analyse appoint arrange ask assign audit book brief buy call
    change chart check choose close co-design coach collect commission compare complete contact
    convene count create cut decide define deliver design display document draft email employ
    enrol establish expand extend fix fund gather give hire hold host include install interview
    implement increase introduce invite issue join label launch link map measure meet mentor
    move offer open pair
    pay phone pilot place plot present print procure produce protect publish put read use
    record recruit redesign reduce release remove replace report research reserve retire review
    roll
    rewrite rota run schedule send set shadow share shorten simplify speak standardise start
    stop survey swap teach test track train trial update upload visit walk write
    """.split()  # noqa: SIM905
)

# A collective or placeholder owner is nobody in particular.
PLACEHOLDER_OWNERS = re.compile(
    r"^\W*(?:tbc|tbd|tba|n/?a|none|unknown|various|multiple|everyone|everybody|anyone|all|"
    r"all staff|staff|us|we|to be (?:confirmed|agreed|decided|appointed)|\?+|-+)\W*$"
)
COLLECTIVE_OWNER_WORDS = frozenset(
    """
    team teams committee committees group groups board boards forum forums staff everyone
    directors managers leads leaders colleagues members department departments division
    divisions directorate directorates services executives partners network networks
    clinicians nurses doctors trust organisation
    """.split()  # noqa: SIM905
)
ONE_PERSON_WORDS = frozenset(
    """
    director head chief lead manager officer chair chairperson secretary nurse doctor matron
    coordinator co-ordinator consultant clinician partner specialist coach administrator
    analyst adviser advisor practitioner pharmacist therapist sponsor owner executive
    president dean governor registrar sister midwife physician surgeon psychologist champion
    controller treasurer engineer designer planner facilitator guardian principal deputy
    assistant associate superintendent steward ambassador convenor convener
    """.split()  # noqa: SIM905
)


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
    """What the checks need to know about the assessment.

    ``components_with_gap`` maps component id to title for components where at least one
    statement's agreed target is above its agreed current level; ``statement_components`` maps
    each statement id to its component id; ``glossary`` holds the framework's glossary terms,
    which define the abbreviations an action may use without spelling out (None: the
    default framework's).
    """

    components_with_gap: Mapping[str, str] = field(default_factory=dict)
    statement_components: Mapping[str, str] = field(default_factory=dict)
    glossary: Sequence[str] | None = None

    @property
    def glossary_terms(self) -> Sequence[str]:
        """The glossary given, or, when no framework is known (a plan checked from a
        spreadsheet), the default framework's."""
        return default_glossary() if self.glossary is None else self.glossary


@cache
def default_glossary() -> tuple[str, ...]:
    from selfassess.frameworks.schema import load_framework_file

    framework = load_framework_file(DEFAULT_FRAMEWORK)
    return tuple(entry.term for entry in framework.glossary)


def _verb_forms(word: str) -> set[str]:
    """The word and the stems it could come from (runs, trained, holding, publishes)."""
    forms = {word}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # running -> run
            if stem.endswith("i"):
                forms.add(stem[:-1] + "y")  # copies -> copy
    return forms


# Verbs that are as often nouns ("make changes", "a review"): they count as the verb only at
# the start of the title or of a clause ("…and review it monthly").
NOUN_TOO = frozenset(
    """
    book call chart check coach count cut design display document email fund host issue label
    link map measure mentor move offer phone pilot place plot present record release report
    research review rota schedule set share start stop survey test track trial update visit
    walk change contact use
    """.split()  # noqa: SIM905
)
CLAUSE_STARTS = frozenset({"and", "then", "to", "or", "will", "we", "also"})


def has_doable_verb(title: str) -> bool:
    tokens = wording.words(title)
    for index, word in enumerate(tokens):
        verbs = _verb_forms(word) & DOABLE_VERBS
        if not verbs:
            continue
        if not verbs <= NOUN_TOO or index == 0 or tokens[index - 1] in CLAUSE_STARTS:
            return True
    return False


# Kept here too: other modules and tests import them from the checker.
grand_words_in = wording.grand_words_in
vague_phrases_in = wording.vague_phrases_in
buzzwords_in = wording.buzzwords_in


def owner_is_nobody(owner: str) -> bool:
    """A placeholder or a group, where the plan needs one person or role to answer for it."""
    text = owner.strip().lower()
    if not text:
        return False
    if PLACEHOLDER_OWNERS.match(text) or re.match(r"^(?:all|every|the whole)\b", text):
        return True
    tokens = wording.words(text)
    plural_roles = {t for t in tokens if t[:-1] in ONE_PERSON_WORDS or t[:-2] in ONE_PERSON_WORDS}
    return not any(t in ONE_PERSON_WORDS for t in tokens) and any(
        t in COLLECTIVE_OWNER_WORDS or t in plural_roles for t in tokens
    )


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


def check_action(
    action: ActionDraft, today: date, context: PlanContext | None = None
) -> list[Finding]:
    """Findings about one action, in the order a reader would fix them."""
    context = context or PlanContext()
    findings = []
    subject = _subject(action)

    def add(code, explanation, fix):
        findings.append(Finding(code, action.ref, explanation, fix, subject))

    is_open = action.status not in CLOSED
    _check_boxes(action, add)
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
    _check_measure(action, add)
    _check_wording(action, context, add)
    return findings


def _check_boxes(action, add):
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
    elif owner_is_nobody(action.owner):
        add(
            "owner-not-one",
            f"The owner, “{action.owner.strip()}”, is a placeholder or a group, so nobody in "
            "particular will be asked how it is going.",
            "Name the one person or role who will answer for it, like “Chair of the quality "
            "committee” rather than “the quality committee”.",
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


def _check_measure(action, add):
    if not action.measure.strip():
        return
    verdict = measures.assess(action.measure)
    if verdict == measures.VAGUE:
        add(
            "measure-vague",
            f"The measure, “{action.measure.strip()}”, has nothing anyone could count or see, "
            "so on the due date nobody can say whether the action worked.",
            "Say how much of what will change, for whom, from what starting point: “the share "
            "of ward managers who have led a test of change rises from 10% to 50%”.",
        )
    elif verdict == measures.OUTPUT_ONLY:
        add(
            "measure-output-only",
            f"The measure, “{action.measure.strip()}”, counts only that something was "
            "produced or happened, not the change it was for.",
            "Keep the output as a step if you like, and measure what should change because "
            "of it: who does what differently, and how many.",
        )


def _check_wording(action, context, add):
    text = f"{action.title}\n{action.description}"
    everything = f"{text}\n{action.measure}"
    grand = wording.grand_words_in(everything)
    if grand:
        add(
            "grand-words",
            f"It uses words that promise impact without saying what will be done: "
            f"{_quoted(grand)}.",
            "Replace them with what will actually happen, for whom and how many, such as "
            "“train 40 ward managers” instead of “world-class capability”.",
        )
    vague = wording.vague_phrases_in(everything)
    if vague:
        add(
            "vague-promise",
            f"It puts the doing off with {_quoted(vague)}: an intention, not an action.",
            "Say what will be done and by when, as a plain instruction: “Hold…”, “Publish…”, "
            "“Train…”.",
        )
    hedges = wording.hedges_in(everything)
    if hedges:
        add(
            "hedge",
            f"It hedges with {_quoted(hedges)}: what it promises may never become a decision "
            "or a date.",
            "Promise the finished thing and when: “Decide and publish…”, “Start on 1 June”, "
            "not a draft, an option or “at some point”.",
        )
    buzz = wording.buzzwords_in(text)
    if len(buzz) >= wording.BUZZWORD_LIMIT:
        add(
            "buzzwords",
            f"It strings together {len(buzz)} buzzwords ({_quoted(buzz)}), "
            "which sound like progress but describe no task.",
            "Rewrite it in everyday words: who will do what, with whom, and what they will "
            "produce.",
        )
    jargon = wording.jargon_in(everything)
    if jargon:
        add(
            "jargon",
            f"It uses jargon a reader may not share: {_quoted(jargon)}.",
            "Say it in plain words, as you would to a patient partner or a new member of staff.",
        )
    abbreviations = wording.undefined_abbreviations(everything, context.glossary_terms)
    if abbreviations:
        add(
            "undefined-abbreviation",
            f"It uses abbreviations that neither the action nor the framework's glossary "
            f"spells out: {_quoted(abbreviations)}.",
            "Write each out in full the first time, with the abbreviation in brackets after "
            "it, like “statistical process control (SPC)”.",
        )
    _check_reach(action, everything, add)
    if action.title.strip() and not has_doable_verb(action.title):
        add(
            "no-verb",
            "The title does not say what anyone will do: there is no verb a person could act "
            "on this month.",
            "Start the title with a concrete verb, like “Run”, “Hold”, “Train”, “Publish” or "
            "“Appoint”, followed by what and for whom.",
        )


def _check_reach(action, everything, add):
    """Process that ends in more process, and doing that waits on someone else."""
    ends = wording.process_ends_in(everything)
    if ends and not measures.shows_change(action.measure):
        add(
            "process-only",
            f"It leads only to more process ({_quoted(ends)}): at the end, nothing has "
            "changed for staff or patients.",
            "Keep the meeting or workshop as a means, and say what it will change and how "
            "you will see it: “…and cut discharge delays from 5 hours to 3 by March”.",
        )
    outside = wording.outside_dependence_in(everything)
    if outside:
        add(
            "outside-dependence",
            f"It depends on someone outside the plan acting ({_quoted(outside)}), so its "
            "owner cannot make it happen.",
            "Plan what the owner can do whatever the answer: what you will do by the date, "
            "and what you will do if the other body says no or does not reply.",
        )


def check_plan(
    actions: Sequence[ActionDraft], today: date, context: PlanContext | None = None
) -> list[Finding]:
    """Findings about each action, then about the plan as a whole (``ref`` None)."""
    from .balance import check_balance

    context = context or PlanContext()
    findings = [f for action in actions for f in check_action(action, today, context)]
    findings += check_balance(actions, context)
    return findings
