"""The labelled corpus: its shape, and the checker held to the goals of issue 16 on it.

The goals (recall at least 0.9, false-positive rate at most 0.05) are the floor; `make bench`
prints the figures themselves. The per-category test is stricter: each weak action must get
the very finding its label names, so a category cannot pass on the back of another check.
"""

from collections import Counter

import pytest

from selfassess.plans.checker import PlanContext, check_action
from selfassess.plans.corpus import load_examples, score

TODAY, EXAMPLES = load_examples()
CONTEXT = PlanContext()
ISSUE_CATEGORIES = {
    "measure-vague",
    "measure-output-only",
    "hedge",
    "undefined-abbreviation",
    "jargon",
    "process-only",
    "outside-dependence",
    "grand-words",
}


def test_the_corpus_is_large_enough_and_covers_every_category():
    assert len(EXAMPLES) >= 120
    weak = Counter(e.category for e in EXAMPLES if e.weak)
    assert set(weak) >= ISSUE_CATEGORIES
    assert all(weak[c] >= 5 for c in ISSUE_CATEGORIES)
    assert sum(not e.weak for e in EXAMPLES) >= 40
    assert all(e.reason.strip() for e in EXAMPLES)


def test_good_actions_include_workshops_reports_and_meetings_as_means():
    good = " ".join(e.draft.title.lower() for e in EXAMPLES if not e.weak)
    assert all(word in good for word in ("workshop", "report", "meeting"))


def test_recall_and_false_positive_rate_meet_the_goal():
    result = score(EXAMPLES, TODAY)
    assert result.weak + result.good == result.actions == len(EXAMPLES)
    assert result.recall >= 0.9, [e.draft.title for e in result.missed]
    assert result.false_positive_rate <= 0.05, result.wrongly_flagged


def test_the_score_counts_what_it_says():
    """Recall and rate from two misses and a false alarm worked out by hand."""
    good = [e for e in EXAMPLES if not e.weak][:4]
    weak = [e for e in EXAMPLES if e.weak and e.category == "hedge"][:2]
    flagged_good = next(e for e in EXAMPLES if e.weak and e.category == "grand-words")
    result = score([*good, *weak], TODAY)
    assert (result.recall, result.false_positive_rate) == (1.0, 0.0)
    relabelled = type(flagged_good)(flagged_good.draft, False, "good", "relabelled")
    result = score([*good, relabelled], TODAY)
    assert result.false_positive_rate == pytest.approx(1 / 5)
    assert result.weak == 0 and result.recall == 1.0


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if e.weak], ids=lambda e: f"{e.category}:{e.draft.title[:40]}"
)
def test_each_weak_action_gets_the_finding_its_label_names(example):
    assert example.category in {f.code for f in check_action(example.draft, TODAY, CONTEXT)}


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if not e.weak], ids=lambda e: e.draft.title[:50]
)
def test_each_good_action_is_left_alone(example):
    assert check_action(example.draft, TODAY, CONTEXT) == []
