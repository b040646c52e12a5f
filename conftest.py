"""Fixtures shared by every app's tests."""

import pytest

from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory

# One headless Chromium and its fixtures for every suite's browser tests.
pytest_plugins = ["tests.browser"]


@pytest.fixture
def member_of():
    """Make a signed-in-able user with a role in an organisation: member_of(org, role)."""

    def make(organisation, role=Role.FACILITATOR, **user_fields):
        return MembershipFactory(organisation=organisation, role=role, **user_fields).user

    return make


@pytest.fixture
def library_loaded(db):
    """The shipped frameworks, loaded as `make run` loads them."""
    from selfassess.frameworks.services import LIBRARY_DIR, load_file

    return {path.stem: load_file(path).snapshot for path in sorted(LIBRARY_DIR.glob("*.yaml"))}
