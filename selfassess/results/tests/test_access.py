"""Who may see results: members of the assessment's organisation in any role, nobody else."""

import pytest
from django.urls import reverse

from selfassess.assessments.tests.factories import AssessmentFactory
from selfassess.organisations.models import Role

pytestmark = pytest.mark.django_db

PAGES = [
    ("results:overview", []),
    ("results:component", ["comp-a"]),
    ("results:discussion", []),
    ("results:groups", []),
]


def page_url(name, extra, assessment_pk):
    return reverse(name, args=[assessment_pk, *extra])


def test_paths_are_the_agreed_ones():
    assert page_url("results:overview", [], 7) == "/assessments/7/results/"
    component = page_url("results:component", ["comp-a"], 7)
    assert component == "/assessments/7/results/components/comp-a/"
    assert page_url("results:discussion", [], 7) == "/assessments/7/results/where-to-start/"
    assert page_url("results:groups", [], 7) == "/assessments/7/results/groups/"


@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, assessment, name, extra):
    response = client.get(page_url(name, extra, assessment.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize(("name", "extra"), PAGES)
@pytest.mark.parametrize("role", [Role.VIEWER, Role.FACILITATOR, Role.ADMIN])
def test_every_role_in_the_organisation_can_read_results(
    client, member_of, assessment, name, extra, role
):
    client.force_login(member_of(assessment.organisation, role))
    response = client.get(page_url(name, extra, assessment.pk))
    assert response.status_code == 200
    assert assessment.organisation.name in response.content.decode()


@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_another_organisations_results_are_not_found(client, member_of, assessment, name, extra):
    client.force_login(member_of(AssessmentFactory().organisation, Role.ADMIN))
    response = client.get(page_url(name, extra, assessment.pk))
    assert response.status_code == 404
    assert "Statement a-1" not in response.content.decode()


@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_an_unknown_assessment_is_not_found(client, member_of, assessment, name, extra):
    client.force_login(member_of(assessment.organisation, Role.ADMIN))
    assert client.get(page_url(name, extra, assessment.pk + 1000)).status_code == 404


def test_an_unknown_component_is_not_found(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    for component_id in ["comp-z", "a-1", "COMP-A", "<script>"]:
        url = page_url("results:component", [component_id], assessment.pk)
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_pages_without_answers_say_so_and_draw_no_chart(
    client, member_of, empty_assessment, name, extra
):
    # Nobody answered, so there is nothing to release: every page says results are not
    # released yet, and draws nothing.
    client.force_login(member_of(empty_assessment.organisation, Role.VIEWER))
    html = client.get(page_url(name, extra, empty_assessment.pk)).content.decode()
    assert "Results are not released yet." in html
    assert "app-chart" not in html
    assert "<table" not in html
