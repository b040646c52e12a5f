"""The participant's reading load: the default framework's budget, and the counts behind it.

The content check: the default framework asks a participant to read at most 3,000 words, at a
median reading grade of 9 or under, and still has a descriptor for every level of every
statement. Its figures are printed at the end of every test run (conftest.py beside this
file). The counting is checked against a second count made here a different way: words by
splitting on spaces, syllables from the Pyphen hyphenation dictionaries (an independent
library, the one WeasyPrint hyphenates with), the Flesch-Kincaid formula written out again.
"""

import statistics
from pathlib import Path

import pyphen
import pytest

from selfassess.frameworks import reading
from selfassess.frameworks.schema import load_framework_file, parse_framework

from . import conftest

LIBRARY = Path(__file__).resolve().parents[1] / "library"
DEFAULT = LIBRARY / "nhs-impact.yaml"
HYPHENATOR = pyphen.Pyphen(lang="en_GB")


def independent_words(text):
    tokens = [token.strip(".,;:!?()\"'\u201c\u201d") for token in text.split()]
    return [token for token in tokens if any(ch.isalnum() for ch in token)]


def independent_grade(text):
    found = independent_words(text)
    sentences = max(1, sum(1 for token in text.split() if token.endswith((".", "!", "?"))))
    syllables = sum(len(HYPHENATOR.positions(word)) + 1 for word in found)
    return 0.39 * len(found) / sentences + 11.8 * syllables / len(found) - 15.59


def test_the_default_framework_fits_the_reading_budget():
    framework = load_framework_file(DEFAULT)
    load = reading.reading_load(framework)
    conftest.REPORTS.append(f"{framework.title} {framework.version}: {load.summary()}")

    assert load.words <= reading.MAX_WORDS
    assert load.median_grade <= reading.MAX_MEDIAN_GRADE
    levels = framework.scale.values
    for statement in framework.statements():
        assert sorted(statement.descriptors) == sorted(levels), statement.id
        assert all(text.strip() for text in statement.descriptors.values()), statement.id

    # The same words counted another way, part by part.
    statements = framework.statements()
    assert load.parts["statements"] == sum(len(independent_words(s.text)) for s in statements)
    assert load.parts["level descriptors"] == sum(
        len(independent_words(d)) for s in statements for d in s.descriptors.values()
    )
    assert load.words == sum(len(independent_words(p)) for p in load.passages) + len(
        statements
    ) * len(independent_words(framework.scale.dont_know_label)) + (
        len(framework.components) - 1
    ) * len(independent_words(reading.dont_know_help(framework))) + sum(
        len(independent_words(c.title)) for c in framework.components
    )
    # The grade, with another syllable count. Hyphenation never splits off a single letter
    # ("a-bout" stays "about"), so Pyphen finds fewer syllables and a lower grade: ours must
    # not be the flattering one, must be within a grade and a half of it, and both must be
    # within the budget.
    other = statistics.median(independent_grade(p) for p in load.passages)
    assert other <= load.median_grade < other + 1.5
    assert other <= reading.MAX_MEDIAN_GRADE


def test_the_other_shipped_frameworks_report_their_load():
    for path in sorted(LIBRARY.glob("*.yaml")):
        if path != DEFAULT:
            framework = load_framework_file(path)
            load = reading.reading_load(framework)
            assert load.words > 0
            conftest.REPORTS.append(f"{framework.title} {framework.version}: {load.summary()}")


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("make", 1),  # silent final e
        ("culture", 2),
        ("table", 2),  # -le is sounded
        ("changed", 1),
        ("tested", 2),
        ("improvement", 3),  # a silent e before -ment
        ("statements", 2),
        ("organisation", 5),
        ("don't", 1),
        ("2026", 1),
    ],
)
def test_syllables_counted_by_hand(word, count):
    assert reading.syllables(word) == count


def test_the_grade_formula_on_a_passage_worked_by_hand():
    # 6 words, 6 syllables, 1 sentence: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45.
    assert reading.grade("The cat sat on the mat.") == pytest.approx(-1.45)
    # 6 words, 12 syllables (im-prove-ment 3, or-gan-is-a-tion 5), 2 sentences:
    # 0.39 * 3 + 11.8 * 12 / 6 - 15.59 = 9.18.
    assert reading.grade("Improvement helps. The organisation is big.") == pytest.approx(9.18)


SMALL = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")


def test_the_time_estimate_comes_from_the_framework_words():
    framework = parse_framework(SMALL, "minimal.yaml")
    load = reading.reading_load(framework)
    seconds = load.words * 60 / 200 + len(framework.statements()) * 5
    assert load.minutes() == max(1, -(-int(seconds) // 60) if seconds % 60 else int(seconds // 60))
    # A long framework: 3,000 words and 35 statements is 15 minutes of reading and about 3
    # of choosing, 18 minutes, which reads as "about 20".
    long = reading.ReadingLoad(
        parts={"all": 3000}, optional={}, median_grade=6, statement_count=35, passages=()
    )
    assert long.minutes() == 20
    short = reading.ReadingLoad(
        parts={"all": 1000}, optional={}, median_grade=6, statement_count=10, passages=()
    )
    assert short.minutes() == 6  # 5 minutes of reading and 50 seconds of choosing
