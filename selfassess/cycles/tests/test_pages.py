"""The comparison and trend pages and the overview panel: figures, choices, access."""

import pytest

from selfassess.cycles.models import StaffSurveyIndicator
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.results.tests.helpers import table_by_caption

from .conftest import LATER_ANSWERS
from .helpers import make_cycle

pytestmark = pytest.mark.django_db
MINUS = "\N{MINUS SIGN}"
DASH = "\N{EN DASH}"


@pytest.fixture
def viewer(client, member_of, organisation):
    client.force_login(member_of(organisation, Role.VIEWER))
    return client


@pytest.fixture
def third(organisation, later):
    """A third cycle following `later`: every statement one level up on `later`'s answers."""
    answers = {sid: [level + 1 for level in levels] for sid, levels in LATER_ANSWERS.items()}
    answers["b-2"] = [2, 2, 5, 5]
    return make_cycle(organisation, "2026/27", answers, status="open", previous=later)


def compare_url(assessment, **query):
    params = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/assessments/{assessment.pk}/cycles/compare/" + (f"?{params}" if params else "")


def test_compare_defaults_to_the_cycle_this_one_follows(viewer, earlier, later):
    response = viewer.get(compare_url(later))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2024/25 compared with 2025/26" in html
    rows = table_by_caption(html, "Change by component")
    assert rows[1] == ["Component A", "2.5", "3", "+0.5", "2", "2.5", "+0.5"]
    assert rows[2] == ["Component B", "4", "3", f"{MINUS}1", "3", "3", "0"]
    moved_down = table_by_caption(html, "Moved down most")
    assert [row[0] for row in moved_down[1:]] == ["2.2 Statement b-2.", "1.2 Statement a-2."]
    assert moved_down[1][1:] == ["4", "3", f"{MINUS}1", DASH]
    plan = table_by_caption(html, "Actions for statements that moved")
    assert plan[1] == [
        "1.1 Statement a-1.",
        "+1",
        "Coach every team lead in daily huddles",
        "Review how board papers report improvement (In progress)",
    ]
    every = {row[0]: row for row in table_by_caption(html, "Change by statement")[1:]}
    # Four people a cycle: "contested" needs at least 5 rated answers, so neither cycle's
    # b-1 or b-2 can be called contested, and no change in it is reported.
    assert every["2.1 Statement b-1."][-1] == "No"
    assert every["2.2 Statement b-2."][-1] == "No"


def test_any_two_cycles_can_be_chosen(viewer, earlier, later, third):
    response = viewer.get(compare_url(third, earlier=earlier.pk, later=third.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2024/25 compared with 2026/27" in html
    rows = table_by_caption(html, "Change by component")
    # Component A in 2026/27: 2,2,3,3,4,4,4,4,4,4,5,5 -> 6th and 7th are 4 and 4.
    assert rows[1][:4] == ["Component A", "2.5", "4", "+1.5"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"earlier": "later", "later": "later"}, "Select two different cycles to compare"),
        ({"earlier": "later", "later": "earlier"}, "must have started before the later one"),
        ({"earlier": "999999", "later": "later"}, "Select the earlier cycle from the list"),
        ({"earlier": "abc", "later": "later"}, "Select the earlier cycle from the list"),
        ({"later": "later"}, "Select the earlier cycle"),
    ],
)
def test_bad_choices_say_what_to_fix(viewer, earlier, later, query, message):
    pks = {"earlier": earlier.pk, "later": later.pk}
    query = {key: pks.get(value, value) for key, value in query.items()}
    response = viewer.get(compare_url(later, **query))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "compared with" not in html


def test_another_organisations_cycle_cannot_be_chosen(viewer, earlier, later):
    stranger = make_cycle(OrganisationFactory(), "2024/25", LATER_ANSWERS)
    response = viewer.get(compare_url(later, earlier=stranger.pk, later=later.pk))
    assert response.status_code == 400
    assert "Select the earlier cycle from the list" in response.content.decode()


def test_a_first_cycle_has_nothing_to_compare_with(viewer, earlier):
    html = viewer.get(compare_url(earlier)).content.decode()
    assert "There is only one cycle" in html


def test_pages_are_private_to_the_organisation(client, member_of, earlier, later):
    for path in (compare_url(later), f"/assessments/{later.pk}/cycles/trend/"):
        assert client.get(path).status_code == 302
        client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
        assert client.get(path).status_code == 404
        client.logout()


def test_the_trend_shows_each_component_cycle_by_cycle(viewer, earlier, later, third):
    response = viewer.get(f"/assessments/{third.pk}/cycles/trend/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = table_by_caption(html, "Median level by component and cycle")
    assert rows[0] == ["Component", "2024/25", "2025/26", "2026/27"]
    # Component B in 2026/27: b-1 4,4,4,5 and b-2 2,2,5,5 -> 2,2,4,4,4,5,5,5 -> 4.
    assert rows[1] == ["Component A", "2.5", "3", "4"]
    assert rows[2] == ["Component B", "4", "3", "4"]
    assert 'role="img"' in html and "Median level of each component, cycle by cycle" in html


def test_the_trend_needs_three_cycles(viewer, earlier, later):
    html = viewer.get(f"/assessments/{later.pk}/cycles/trend/").content.decode()
    assert "A trend needs at least 3 cycles" in html
    assert "has 2 so far" in html


def test_survey_indicators_sit_beside_the_trend(viewer, organisation, earlier, later, third):
    for year, value in ((2024, "55.5"), (2025, "58")):
        StaffSurveyIndicator.objects.create(
            organisation=organisation,
            year=year,
            code="q2a",
            label="Look forward to work",
            percentage_positive=value,
            comparator="50" if year == 2025 else None,
        )
    StaffSurveyIndicator.objects.create(
        organisation=OrganisationFactory(),
        year=2025,
        code="q9",
        label="Not ours",
        percentage_positive="10",
    )
    html = viewer.get(f"/assessments/{third.pk}/cycles/trend/").content.decode()
    rows = table_by_caption(
        html, "Staff survey indicators by year: percentage positive (comparator)"
    )
    assert rows == [
        ["Indicator", "2024", "2025"],
        ["Look forward to work (q2a)", "55.5%", "58% (50%)"],
    ]
    assert "Not ours" not in html
    assert "Import staff survey indicators" not in html


def overview(client, assessment):
    return client.get(f"/assessments/{assessment.pk}/").content.decode()


def test_the_panel_offers_the_next_cycle_to_facilitators_only(client, member_of, earlier):
    client.force_login(member_of(earlier.organisation, Role.FACILITATOR))
    html = overview(client, earlier)
    assert "Cycles over time" in html
    assert f"/assessments/{earlier.pk}/cycles/next/" in html
    client.force_login(member_of(earlier.organisation, Role.VIEWER))
    html = overview(client, earlier)
    assert f"/assessments/{earlier.pk}/cycles/next/" not in html


def test_the_panel_links_the_comparison_and_the_trend(viewer, earlier, later, third):
    html = overview(viewer, later)
    assert "Compare with 2024/25" in html
    assert f'href="/assessments/{third.pk}/"' in html
    assert "/cycles/trend/" not in html
    html = overview(viewer, third)
    assert f'href="/assessments/{third.pk}/cycles/trend/"' in html
    assert "Trend across 3 cycles" in html


def test_no_panel_on_a_first_cycle_still_running(viewer, organisation):
    first = make_cycle(organisation, "2025/26", LATER_ANSWERS, status="open")
    assert "Cycles over time" not in overview(viewer, first)
