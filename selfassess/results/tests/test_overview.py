"""The overview's figures, checked against values worked out by hand from the fixture."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from selfassess.organisations.models import Role

from .helpers import table_by_caption

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def charts(html):
    """Every chart on the page, parsed as XML."""
    found = []
    for chunk in html.split('<svg xmlns="http://www.w3.org/2000/svg" class="app-chart"')[1:]:
        markup = '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart"' + chunk
        found.append(ET.fromstring(markup[: markup.index("</svg>") + 6]))  # noqa: S314
    return found


@pytest.fixture
def html(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    response = client.get(reverse("results:overview", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_component_table_matches_hand_worked_figures(html):
    # Component A pools 18 answers, one don't know (1/18 = 6%). Its 17 levels sorted:
    # 1,1,1,2,2,3,4,4,4,4,4,4,4,5,5,5,5: median x8 = 4, quartiles x4 = 2 and x12 = 4.
    # Agreement is the mean of the statements' r_wg (each has at least 5 levels overall):
    # variances 89/30 and 4 exceed 2 (the uniform null for 5 levels), so r_wg 0 and 0; a-3 has
    # no variance, r_wg 1. Mean 1/3, rounded down to 0.33.
    # Component B pools 12 answers, one don't know (1/12 = 8%). Levels sorted:
    # 2,2,2,2,3,3,3,3,4,4,4: median x5 = 3, q1 at 2.5 -> 2, q3 at 7.5 -> 3.5.
    # b-1 (3,3,4,3,4,4) has variance 1.5/5 = 0.3, r_wg 1 - 0.3/2 = 0.85; b-2 (2,2,2,2,3) has
    # variance 0.8/4 = 0.2, r_wg 0.9. Mean 0.875, rounded down to 0.87.
    rows = table_by_caption(html, "Figures by component")
    assert rows == [
        [
            "Component",
            "Median level",
            "Middle half of answers",
            "Agreement",
            "Don't know",
            "Answers",
        ],
        ["Component A", "4", "2 to 4", "0.33", "6%", "18"],
        ["Component B", "3", "2 to 3.5", "0.87", "8%", "12"],
    ]


def test_chart_shows_the_same_medians_and_quartiles(html):
    (chart,) = charts(html)
    assert chart.get("role") == "img"
    labels = [" ".join(t.itertext()) for t in chart.iter(f"{SVG}text")]
    assert "Median 4" in labels
    assert "Median 3" in labels
    desc = chart.find(f"{SVG}desc").text
    assert "Component A: median 4, middle half of answers from 2 to 4." in desc
    assert "Component B: median 3, middle half of answers from 2 to 3.5." in desc


def test_links_lead_to_components_where_to_start_and_groups(html, assessment):
    for href in [
        reverse("results:component", args=[assessment.pk, "comp-a"]),
        reverse("results:component", args=[assessment.pk, "comp-b"]),
        reverse("results:discussion", args=[assessment.pk]),
        reverse("results:groups", args=[assessment.pk]),
    ]:
        assert f'href="{href}"' in html


def test_page_title_and_current_navigation(html):
    dash = "\N{EN DASH}"
    title = f"<title>Results by component {dash} 2026/27 {dash} Improvement self-assessment</title>"
    assert title in html
    assert 'aria-current="page"' in html
