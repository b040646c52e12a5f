"""Fixtures for the participant's journey: an open assessment on the small test framework.

The test framework has components comp-a (a-1, a-2, a-3) and comp-b (b-1, b-2), levels 1-5
named Not started, Emerging, Developing, Established, Leading.
"""

import datetime

import pytest
from django.urls import reverse

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory


@pytest.fixture
def assessment(db):
    assessment = AssessmentFactory(
        status=Status.OPEN,
        closes_on=datetime.date(2099, 3, 31),  # far ahead: answers are taken until then
        introduction="We want to know how we are doing.\n\nPlease answer honestly.",
        anonymity_threshold=6,
        join_code="K7PX4Q",
    )
    ParticipantGroupFactory(assessment=assessment, name="Board")
    ParticipantGroupFactory(assessment=assessment, name="Front-line staff")
    return assessment


@pytest.fixture
def group(assessment):
    return assessment.groups.get(name="Front-line staff")


@pytest.fixture
def invited(assessment, group):
    """An invited participant and the one copy of their link's token."""
    return Participant.invite(assessment, group, "someone@example.nhs.uk")


@pytest.fixture
def participant(invited):
    return invited[0]


@pytest.fixture
def token(invited):
    return invited[1]


@pytest.fixture
def in_journey(client, token):
    """A browser that has opened the participant's link."""
    client.get(reverse("participation:start", args=[token]))
    return client


def page_url(position):
    return reverse("participation:component", args=[position])


def answers_post(participant, answers, action="continue"):
    """A component page's POST: answers maps statement id -> (choice, comment)."""
    data = {"participant": participant.pk, "action": action}
    for statement_id, (choice, comment) in answers.items():
        if choice is not None:
            data[f"answer-{statement_id}"] = choice
        data[f"comment-{statement_id}"] = comment
    return data
