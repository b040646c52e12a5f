"""An assessment whose figures are worked out by hand in the tests (the results pages' own
fixture data), with two people's comments, one of them a formula."""

import pytest

from selfassess.assessments.models import ConsensusRating
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.results.tests.helpers import answer, answer_many


@pytest.fixture
def assessment(db):
    """k = 3. Board: a-1 5,5,4; staff: a-1 2,2,1 (and the rest, see results' conftest), plus
    a small group "Patient partners" of one person, which is always hidden."""
    assessment = AssessmentFactory(anonymity_threshold=3, cycle_label="2026/27")
    board = ParticipantGroupFactory(assessment=assessment, name="Board")
    staff = ParticipantGroupFactory(assessment=assessment, name="Front-line staff")
    partners = ParticipantGroupFactory(assessment=assessment, name="Patient partners")
    answer_many(
        assessment,
        board,
        {"a-1": [5, 5, 4], "a-2": [1, 5, 3], "a-3": [4, 4, 4], "b-1": [3, 3, 4], "b-2": [2, 2, 2]},
    )
    answer_many(
        assessment,
        staff,
        {
            "a-1": [2, 2, 1],
            "a-2": [1, 5, None],
            "a-3": [4, 4, 4],
            "b-1": [3, 4, 4],
            "b-2": [2, 3, None],
        },
    )
    answer(
        assessment,
        partners,
        {"a-1": 3},
        comments={"a-1": '=HYPERLINK("http://example.invalid","click")'},
    )
    ConsensusRating.objects.create(
        assessment=assessment,
        statement_id="a-1",
        current_level=3,
        target_level=4,
        rationale="+ agreed after a long discussion",
    )
    ConsensusRating.objects.create(
        assessment=assessment, statement_id="a-2", current_level=2, target_level=4
    )
    return assessment


@pytest.fixture(autouse=True)
def _released(release_current_answers):
    """These tests read what a release shows: see ``release_current_answers``."""


@pytest.fixture
def unanswered(db):
    """An open assessment with the same groups as ``assessment`` and nobody's answers yet:
    the only kind answers may be imported into (``gate.import_refusal``)."""
    assessment = AssessmentFactory(anonymity_threshold=3, cycle_label="2026/27")
    for name in ["Board", "Front-line staff", "Patient partners"]:
        ParticipantGroupFactory(assessment=assessment, name=name)
    return assessment
