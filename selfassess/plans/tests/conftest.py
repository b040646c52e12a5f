"""An assessment with agreed levels, and signed-in clients in each role."""

import pytest

from selfassess.assessments.models import ConsensusRating
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Role


@pytest.fixture
def assessment(db):
    assessment = AssessmentFactory()
    ParticipantGroupFactory(assessment=assessment, name="Board", position=0)
    ParticipantGroupFactory(assessment=assessment, name="Front-line staff", position=1)
    # a-1: 2 -> 4 (gap 2); a-2: 3 -> 4 (gap 1); b-1: 4 -> 4 (at target); others not agreed.
    for statement_id, current, target in (("a-1", 2, 4), ("a-2", 3, 4), ("b-1", 4, 4)):
        ConsensusRating.objects.create(
            assessment=assessment,
            statement_id=statement_id,
            current_level=current,
            target_level=target,
        )
    return assessment


@pytest.fixture
def facilitator(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    return client


@pytest.fixture
def viewer(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    return client


@pytest.fixture
def outsider(client, member_of, db):
    """A facilitator of another organisation."""
    client.force_login(member_of(AssessmentFactory().organisation, Role.FACILITATOR))
    return client


@pytest.fixture(autouse=True)
def jinja_contexts(monkeypatch):
    """Let the test client see what a Jinja2 page was given (``response.context``), as it does
    for Django templates, by sending the signal Django's own template engine sends."""
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    original = Template.render

    def render(self, context=None, request=None):
        template_rendered.send(sender=self, template=self, context=dict(context or {}))
        return original(self, context, request)

    monkeypatch.setattr(Template, "render", render)


@pytest.fixture(autouse=True)
def _released(release_current_answers):
    """These tests read what a release shows: see ``release_current_answers``."""
