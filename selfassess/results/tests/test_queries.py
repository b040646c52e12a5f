"""Each results page costs a fixed number of queries, whatever the size of the assessment."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Role

from .helpers import answer, answer_many

pytestmark = pytest.mark.django_db

PAGES = [
    ("results:overview", []),
    ("results:component", ["comp-a"]),
    ("results:discussion", []),
    ("results:groups", []),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FACILITATOR])
@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_queries_do_not_grow_with_participants_statements_or_groups(
    client, member_of, name, extra, role
):
    """A facilitator's component page also offers an action per statement: the role is
    checked once per page, never per statement."""
    assessment = AssessmentFactory(anonymity_threshold=3)
    first = ParticipantGroupFactory(assessment=assessment)
    answer_many(assessment, first, {"a-1": [1, 2, 3]})
    answer(assessment, first, {"a-1": 4}, {"a-1": "A comment"})
    client.force_login(member_of(assessment.organisation, role))
    url = reverse(name, args=[assessment.pk, *extra])
    client.get(url)  # warm up: anything cached per process is loaded once
    small = count_queries(client, url)

    # Ten times the people, every statement answered, more groups, more comments.
    statements = ["a-1", "a-2", "a-3", "b-1", "b-2"]
    for group_index in range(4):
        group = ParticipantGroupFactory(assessment=assessment)
        for person in range(10):
            answer(
                assessment,
                group,
                {sid: (person + group_index) % 5 + 1 for sid in statements},
                {sid: f"Comment {person} on {sid}" for sid in statements},
            )
    large = count_queries(client, url)
    assert large == small


def test_offering_plan_actions_costs_one_query_whatever_the_statements(client, member_of):
    """The component page of the test framework shows three statements. A facilitator's page,
    with an "add an action" link under each, costs what a viewer's does (the role is checked
    once for everyone), so the links never cost a query per statement."""
    assessment = AssessmentFactory(anonymity_threshold=3)
    group = ParticipantGroupFactory(assessment=assessment)
    answer_many(assessment, group, {"a-1": [1, 2, 3], "a-2": [2, 3, 4], "a-3": [3, 4, 5]})
    url = reverse("results:component", args=[assessment.pk, "comp-a"])
    costs = {}
    for role in (Role.VIEWER, Role.FACILITATOR):
        client.force_login(member_of(assessment.organisation, role))
        client.get(url)
        costs[role] = count_queries(client, url)
    html = client.get(url).content.decode()
    assert html.count("Add an action for statement") == 3
    assert costs[Role.FACILITATOR] == costs[Role.VIEWER]
