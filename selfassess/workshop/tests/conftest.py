"""Fixtures for the workshop: a closed assessment with survey answers, people in each role,
and phones (test clients) that have joined with a personal link."""

import pytest
from django.test import Client

from selfassess.assessments.models import Participant
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    ParticipantGroupFactory,
    ResponseFactory,
)
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def assessment(db):
    """Closed after its survey, k = 3, two groups: the usual moment for a workshop."""
    assessment = AssessmentFactory(
        organisation=OrganisationFactory(name="Riverside NHS Trust"),
        anonymity_threshold=3,
        join_code="ACDEFGH",
    )
    ParticipantGroupFactory(assessment=assessment, name="Board", position=0)
    ParticipantGroupFactory(assessment=assessment, name="Front-line staff", position=1)
    assessment.transition_to("open")
    assessment.transition_to("closed")
    return assessment


def group(assessment, name):
    return assessment.groups.get(name=name)


@pytest.fixture
def facilitator(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    return client


@pytest.fixture
def viewer(member_of, assessment):
    client = Client()
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    return client


@pytest.fixture
def outsider(member_of, assessment):
    """An admin of another organisation."""
    client = Client()
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    return client


@pytest.fixture
def second_facilitator(member_of, assessment):
    client = Client()
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    return client


@pytest.fixture
def phone(assessment):
    """phone(group_name) -> (client, participant): a phone that opened a personal link."""

    def make(group_name="Board"):
        participant, token = Participant.invite(assessment, group(assessment, group_name))
        client = Client()
        response = client.get(f"/workshop/take-part/{token}/")
        assert response.status_code == 302
        return client, participant

    return make


def answer_survey(assessment, group_name, statement_id, levels):
    """Survey responses, one participant each; None is don't know."""
    for level in levels:
        participant, _token = Participant.invite(assessment, group(assessment, group_name))
        ResponseFactory(participant=participant, statement_id=statement_id, level=level)


@pytest.fixture(autouse=True)
def _released(release_current_answers):
    """These tests read what a release shows: see ``release_current_answers``."""
