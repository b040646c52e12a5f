import pytest

from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory


@pytest.fixture
def facilitator_of(client):
    """A test client signed in as a facilitator of ``organisation``."""

    def sign_in(organisation):
        membership = MembershipFactory(organisation=organisation, role=Role.FACILITATOR)
        client.force_login(membership.user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _released(release_current_answers):
    """These tests read what a release shows: see ``release_current_answers``."""
