import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selfassess.assessments.models import Response
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    ParticipantFactory,
    ParticipantGroupFactory,
)
from selfassess.organisations.models import Role
from selfassess.results.tests.helpers import table_by_caption

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment():
    assessment = AssessmentFactory(anonymity_threshold=3)
    group = ParticipantGroupFactory(assessment=assessment, name="Front-line staff")
    # Four people rate component A's three statements (a "don't know" does not count towards
    # k, so a-2 still has 3 levels); levels chosen so the figures below can be worked out by
    # hand.
    levels = {"a-1": [2, 3, 4, 4], "a-2": [2, 2, 2, None], "a-3": [5, 5, 5, 5]}
    people = [ParticipantFactory(assessment=assessment, group=group) for _ in range(4)]
    people.append(ParticipantFactory(assessment=assessment, group=group))  # invited, no answer
    for index, person in enumerate(people[:4]):
        for statement_id, answers in levels.items():
            Response.objects.create(
                participant=person, statement_id=statement_id, level=answers[index]
            )
    return assessment


def test_overview_shows_completion_and_component_figures(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    response = client.get(reverse("assessments:overview", args=[assessment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Front-line staff" in html
    # Component A pools 2,3,4,4, 2,2,2, 5,5,5,5 (11 levels) and one don't know: the sorted
    # 2,2,2,2,3,4,4,5,5,5,5 has the 6th, 4, as its median; don't know share 1/12 = 8%;
    # answers 12.
    rows = table_by_caption(html, "Results by component")
    component_a = rows[1]
    assert component_a[0] == "Component A"
    assert component_a[1] == "4"
    assert component_a[3:] == ["8%", "12"]


def test_overview_is_not_found_for_other_organisations(client, member_of, assessment):
    client.force_login(member_of(AssessmentFactory().organisation, Role.ADMIN))
    response = client.get(reverse("assessments:overview", args=[assessment.pk]))
    assert response.status_code == 404


def test_overview_needs_sign_in(client, assessment):
    response = client.get(reverse("assessments:overview", args=[assessment.pk]))
    assert response.status_code == 302


def test_overview_queries_do_not_grow_with_participants(client, member_of, assessment):
    user = member_of(assessment.organisation, Role.VIEWER)
    client.force_login(user)
    url = reverse("assessments:overview", args=[assessment.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    group = assessment.groups.first()
    for _ in range(10):
        person = ParticipantFactory(assessment=assessment, group=group)
        Response.objects.create(participant=person, statement_id="b-1", level=4)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
