"""Scoring the plan checker on a labelled corpus of actions.

The corpus (`tests/data/plan_corpus.yaml`) holds actions written for this project, each
labelled weak (with the finding it should get) or good (which must get none). Scoring answers
the two questions that matter to a facilitator: of the weak actions, how many did the checker
flag (recall), and of the good ones, how many did it wrongly flag (false-positive rate)?
`make bench` prints both; the tests hold the checker to them.

Actions are checked against the default (NHS IMPACT) framework's glossary, as they would be
in an assessment on it. Plain Python (PyYAML), no Django.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from .checker import ActionDraft, PlanContext, check_action

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "tests" / "data" / "plan_corpus.yaml"
DEFAULT_DAYS = {"short": 60, "medium": 200, "long": 500}


@dataclass(frozen=True)
class Example:
    draft: ActionDraft
    weak: bool
    category: str
    reason: str


@dataclass
class Score:
    actions: int = 0
    weak: int = 0
    caught: int = 0
    good: int = 0
    false_positives: int = 0
    missed: list = field(default_factory=list)
    wrongly_flagged: list = field(default_factory=list)
    by_category: Counter = field(default_factory=Counter)
    caught_by_category: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.caught / self.weak if self.weak else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.false_positives / self.good if self.good else 0.0

    def line(self) -> str:
        return (
            f"plan_checker actions={self.actions} weak={self.weak} recall={self.recall:.3f} "
            f"false_positive_rate={self.false_positive_rate:.3f}"
        )


def load_examples(path: Path = CORPUS) -> tuple[date, list[Example]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    today = data["today"]
    examples = []
    for number, entry in enumerate(data["actions"], start=1):
        horizon = entry.get("horizon", "")
        days = entry.get("due_in_days", DEFAULT_DAYS.get(horizon, 60))
        draft = ActionDraft(
            ref=number,
            title=entry.get("title", ""),
            description=entry.get("description", ""),
            owner=entry.get("owner", ""),
            due_on=None if days is None else today + timedelta(days=days),
            measure=entry.get("measure", ""),
            horizon=horizon,
            planned_on=today,
        )
        weak = entry["label"] == "weak"
        examples.append(Example(draft, weak, entry.get("category", "good"), entry["reason"]))
    return today, examples


def score(examples: list[Example], today: date, context: PlanContext | None = None) -> Score:
    context = context or PlanContext()
    result = Score(actions=len(examples))
    for example in examples:
        codes = {f.code for f in check_action(example.draft, today, context)}
        if example.weak:
            result.weak += 1
            result.by_category[example.category] += 1
            if codes:
                result.caught += 1
            else:
                result.missed.append(example)
            if example.category in codes:
                result.caught_by_category[example.category] += 1
        else:
            result.good += 1
            if codes:
                result.false_positives += 1
                result.wrongly_flagged.append((example, sorted(codes)))
    return result
