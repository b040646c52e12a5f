"""Fixtures for the results pages: an assessment whose figures are worked out by hand."""

import pytest

from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory

from .helpers import answer_many


@pytest.fixture
def assessment(db):
    """Two groups of three people on the small test framework, k = 3.

    Everyone's figures are shown for every statement. For a-2 and b-2 staff gave only two
    levels (one don't know each), fewer than k, so staff are hidden there, and so is Board
    (else everyone minus Board would give staff's answers).

    Board:            a-1 5,5,4  a-2 1,5,3     a-3 4,4,4  b-1 3,3,4  b-2 2,2,2
    Front-line staff: a-1 2,2,1  a-2 1,5,DK    a-3 4,4,4  b-1 3,4,4  b-2 2,3,DK
    """
    assessment = AssessmentFactory(anonymity_threshold=3)
    board = ParticipantGroupFactory(assessment=assessment, name="Board")
    staff = ParticipantGroupFactory(assessment=assessment, name="Front-line staff")
    answer_many(
        assessment,
        board,
        {
            "a-1": [5, 5, 4],
            "a-2": [1, 5, 3],
            "a-3": [4, 4, 4],
            "b-1": [3, 3, 4],
            "b-2": [2, 2, 2],
        },
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
    return assessment


@pytest.fixture
def empty_assessment(db):
    assessment = AssessmentFactory()
    ParticipantGroupFactory(assessment=assessment, name="Board")
    return assessment


@pytest.fixture(autouse=True)
def _released(release_current_answers):
    """These tests read what a release shows: see ``release_current_answers``."""
