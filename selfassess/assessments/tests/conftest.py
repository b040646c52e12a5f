"""Fixtures for the facilitator's pages: one organisation, one assessment, people in each role."""

import datetime

import pytest
from django.utils import timezone

from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def assessment(db):
    """A draft with two groups, closing in 30 days."""
    assessment = AssessmentFactory(
        organisation=OrganisationFactory(name="Riverside NHS Trust"),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
        introduction="We want to know where we really stand.",
    )
    ParticipantGroupFactory(assessment=assessment, name="Board", position=0)
    ParticipantGroupFactory(assessment=assessment, name="Front-line staff", position=1)
    return assessment


@pytest.fixture
def open_assessment(assessment):
    assessment.join_code = "ACDEFGH"
    assessment.save(update_fields=["join_code"])
    assessment.transition_to("open")
    return assessment


@pytest.fixture
def facilitator(client, member_of, assessment):
    """A client signed in as a facilitator of the assessment's organisation."""
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    return client


def group(assessment, name):
    return assessment.groups.get(name=name)


@pytest.fixture(autouse=True)
def _released(release_current_answers):
    """These tests read what a release shows: see ``release_current_answers``."""
