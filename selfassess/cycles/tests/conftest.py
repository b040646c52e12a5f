"""Two cycles of one organisation whose figures are worked out by hand in the tests."""

import pytest

from selfassess.organisations.tests.factories import OrganisationFactory

from .helpers import make_cycle

EARLIER_ANSWERS = {
    "a-1": [2, 2, 3, 3],
    "a-2": [1, 2, 2, 2],
    "a-3": [3, 3, 3, 3],
    "b-1": [1, 1, 5, 5],
    "b-2": [4, 4, 4, None],
}
LATER_ANSWERS = {
    "a-1": [3, 3, 4, 4],
    "a-2": [1, 1, 2, 2],
    "a-3": [3, 3, 3, 3],
    "b-1": [3, 3, 3, 4],
    "b-2": [1, 1, 5, 5],
}
EARLIER_ACTIONS = [
    ("Coach every team lead in daily huddles", "done", ["a-1"], []),
    ("Review how board papers report improvement", "in_progress", ["a-1", "a-2"], []),
    ("Set up a measurement for improvement course", "done", [], ["comp-b"]),
    ("Publish the improvement strategy", "done", ["a-3"], []),
]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Riverside NHS Trust")


@pytest.fixture
def earlier(organisation):
    return make_cycle(
        organisation,
        "2024/25",
        EARLIER_ANSWERS,
        agreed={"a-1": 2, "a-2": 2, "b-1": 3},
        actions=EARLIER_ACTIONS,
    )


@pytest.fixture
def later(organisation, earlier):
    return make_cycle(
        organisation,
        "2025/26",
        LATER_ANSWERS,
        status="closed",
        agreed={"a-1": 3, "a-2": 2, "a-3": 3, "b-1": 3},
        previous=earlier,
    )


@pytest.fixture(autouse=True)
def _released(release_current_answers):
    """These tests read what a release shows: see ``release_current_answers``."""
