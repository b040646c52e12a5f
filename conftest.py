"""Fixtures shared by every app's tests."""

import pytest

from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory

# One headless Chromium and its fixtures for every suite's browser tests.
pytest_plugins = ["tests.browser", "tests.asgi", "tests.redis_server"]


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


@pytest.fixture
def release_current_answers(monkeypatch):
    """Release the answers as they stand each time a page asks for the latest release.

    For tests of what a release *shows* (figures, charts, tables, reports), which set answers
    up directly and then read a page: each read sees a first release of the current answers,
    as if the assessment had just closed. What may be released, when, and against earlier
    releases is tested in ``tests/privacy`` and ``selfassess/disclosure`` with the real gate.
    """
    from selfassess.assessments.models import Response
    from selfassess.disclosure import gate
    from selfassess.disclosure.models import Release, ReleaseKind

    def latest(assessment):
        Release.objects.filter(assessment=assessment).delete()
        if not Response.objects.filter(participant__assessment=assessment).exists():
            return None
        return gate.make_release(assessment, kind=ReleaseKind.CLOSING, actor=None)

    monkeypatch.setattr(gate, "latest_release", latest)
