"""How much a participant has to read to answer a framework, and how hard it is to read.

The invitation promises a time, so the time must come from the framework itself: a custom
framework with long descriptors gets a longer, honest estimate. What counts is what the
answering pages put in front of a participant without their asking: the framework's purpose
(on the introduction), each section's title and summary, the "don't know" help (shown once
per section), and each statement with the descriptor of every level. What a participant
opens only if they want it (what good looks like, help with a statement, tips, the
glossary) is counted apart as optional.

Reading grade is the Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers and Chissom,
1975): 0.39 x words per sentence + 11.8 x syllables per word - 15.59, a US school grade, so
grade 9 is text a 14 to 15 year old reads with ease. It is worked out for each passage (a
statement, a descriptor, a summary) and the median over the passages is reported, so one
long passage cannot hide behind many short ones or the other way round. Syllables are
counted with the usual vowel-group rules (a silent final "e" dropped, "-le" kept); like every
such count it is an estimate, checked against an independent library in the tests.

Plain Python: used by the participant pages, the content check in the tests and the
command line alike.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field

from .schema import Framework

WORDS_PER_MINUTE = 200  # a typical adult's reading speed for plain text on a screen
SECONDS_TO_CHOOSE = 5  # choosing and pressing an answer once its options are read
MAX_WORDS = 3000  # the default framework's budget (issue 17): 15 minutes of reading
MAX_MEDIAN_GRADE = 9

WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
VOWEL_GROUP = re.compile(r"[aeiouy]+")
# A silent e before a suffix: "statement", "safely", "useful", "lateness", "careless".
SILENT_E_BEFORE_SUFFIX = re.compile(r"[^aeiouy]e(?:ment|ly|ful|ness|less)s?$")


def words(text: str) -> list[str]:
    """The words of a text: runs of letters and digits, with inner apostrophes and hyphens."""
    return WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def syllables(word: str) -> int:
    """Syllables in one English word, by vowel groups; a number counts as one."""
    word = word.lower().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return 1
    count = len(VOWEL_GROUP.findall(letters))
    if SILENT_E_BEFORE_SUFFIX.search(letters) and count > 1:
        count -= 1
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e: "make", "culture"
    elif (
        letters.endswith(("ed", "es"))
        and count > 1
        and not letters.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "shes", "ches", "xes"))
    ):
        count -= 1  # "changed", "makes": no extra syllable
    return max(1, count)


def sentence_count(text: str) -> int:
    """Sentences, by their closing marks; a passage without one is a single sentence."""
    return max(1, len(SENTENCE_END.findall(text.strip())))


def grade(text: str) -> float:
    """The Flesch-Kincaid grade level of one passage."""
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(word) for word in found) / len(found)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


@dataclass(frozen=True)
class ReadingLoad:
    """Words a participant reads, by part, and the median reading grade of the passages."""

    parts: dict[str, int]
    optional: dict[str, int]
    median_grade: float
    statement_count: int
    passages: tuple[str, ...] = field(repr=False)

    @property
    def words(self) -> int:
        return sum(self.parts.values())

    @property
    def optional_words(self) -> int:
        return sum(self.optional.values())

    def minutes(self) -> int:
        """The time to give participants: reading at WORDS_PER_MINUTE plus a few seconds to
        choose each answer, rounded up to a minute, and to the next 5 above 10 minutes (a
        round figure reads as the estimate it is)."""
        seconds = self.words * 60 / WORDS_PER_MINUTE + self.statement_count * SECONDS_TO_CHOOSE
        minutes = max(1, math.ceil(seconds / 60))
        if minutes > 10:
            minutes = 5 * math.ceil(minutes / 5)
        return minutes

    def summary(self) -> str:
        return (
            f"{self.words:,} words to read ({self.optional_words:,} more if every optional "
            f"help is opened), median reading grade {self.median_grade:.1f}, about "
            f"{self.minutes()} minutes"
        )


def dont_know_help(framework: Framework) -> str:
    """The one sentence of "don't know" help each answering page shows once."""
    scale = framework.scale
    return f"“{scale.dont_know_label}”: {scale.dont_know_meaning}"


def reading_load(framework: Framework) -> ReadingLoad:
    """What the answering pages of this framework ask a participant to read."""
    sections = len(framework.components)
    statements = framework.statements()
    help_text = dont_know_help(framework)
    parts = {
        "purpose": word_count(framework.purpose),
        "section titles and summaries": sum(
            word_count(c.title) + word_count(c.summary) for c in framework.components
        ),
        "don't know help, once a section": sections * word_count(help_text),
        "statements": sum(word_count(s.text) for s in statements),
        "level descriptors": sum(word_count(d) for s in statements for d in s.descriptors.values()),
        "answer labels": len(statements) * word_count(framework.scale.dont_know_label),
    }
    optional = {
        "what good looks like": sum(
            word_count(point) for c in framework.components for point in c.what_good_looks_like
        ),
        "help with a statement": sum(word_count(s.guidance) for s in statements),
        "tips": sum(word_count(tip) for tip in framework.tips),
    }
    passages = (
        framework.purpose,
        *(c.summary for c in framework.components),
        help_text,
        *(s.text for s in statements),
        *(d for s in statements for d in s.descriptors.values()),
    )
    median = statistics.median(grade(p) for p in passages if words(p))
    return ReadingLoad(
        parts=parts,
        optional=optional,
        median_grade=median,
        statement_count=len(statements),
        passages=passages,
    )
