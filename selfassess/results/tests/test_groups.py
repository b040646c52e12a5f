"""Results by group: the heatmap and tables, and that suppressed figures never reach the page."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Role

from .helpers import answer_many, read_page, table_by_caption

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
DASH = "\N{EN DASH}"


def get_page(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    response = client.get(reverse("results:groups", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def heatmap_cells(html):
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="app-chart"')
    root = ET.fromstring(html[start : html.index("</svg>", start) + 6])  # noqa: S314
    return root, [
        "".join(g.find(f"{SVG}text").itertext())
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "app-chart__cell"
    ]


def test_tables_show_each_groups_medians(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    # a-2 and b-2: staff gave only 2 levels (one don't know), fewer than k = 3, so staff are
    # hidden there, and Board too (else everyone minus Board gives staff's answers). Groups'
    # component figures pool their shown statements only.
    # Board, component A: a-1 5,5,4 and a-3 4,4,4 -> 4,4,4,4,5,5 -> 4.
    # Staff: a-1 2,2,1 and a-3 4,4,4 -> 1,2,2,4,4,4 -> (2 + 4) / 2 = 3.
    assert table_by_caption(html, "Component A") == [
        ["Median level", "Board", "Front-line staff"],
        ["All statements in this component", "4", "3"],
        ["1.1 Statement a-1.", "5", "2"],
        ["1.2 Statement a-2.", "Hidden", "Hidden"],
        ["1.3 Statement a-3.", "4", "4"],
    ]
    # Component B: b-1 only. Board 3,3,4 -> 3. Staff 3,4,4 -> 4.
    assert table_by_caption(html, "Component B") == [
        ["Median level", "Board", "Front-line staff"],
        ["All statements in this component", "3", "4"],
        ["2.1 Statement b-1.", "3", "4"],
        ["2.2 Statement b-2.", "Hidden", "Hidden"],
    ]


def test_heatmap_shows_the_same_medians(client, member_of, assessment):
    root, cells = heatmap_cells(get_page(client, member_of, assessment))
    hidden = "Hidden"
    assert cells == [
        *("4", "3", "5", "2", hidden, hidden, "4", "4"),
        *("3", "4", "3", "4", hidden, hidden),
    ]
    assert root.get("role") == "img"


@pytest.fixture
def small_group_assessment(db):
    """k = 3. Board: 4 people, staff: 5, patient partners: 2, all answering a-1 only.

    Patient partners (2 < 3) are hidden; that leaves 2 hidden people, fewer than k, so the
    smallest shown group (Board, 4) is hidden too. Their medians, 4.5 (4,5,5,4) and 1.5 (1,2),
    must appear nowhere.
    """
    assessment = AssessmentFactory(anonymity_threshold=3)
    groups = [
        ParticipantGroupFactory(assessment=assessment, name=name)
        for name in ("Board", "Front-line staff", "Patient partners")
    ]
    answer_many(assessment, groups[0], {"a-1": [4, 5, 5, 4]})
    answer_many(assessment, groups[1], {"a-1": [3, 3, 3, 3, 2]})
    answer_many(assessment, groups[2], {"a-1": [1, 2]})
    return assessment


def test_suppressed_groups_show_as_hidden(client, member_of, small_group_assessment):
    html = get_page(client, member_of, small_group_assessment)
    rows = table_by_caption(html, "Component A")
    assert rows[:3] == [
        ["Median level", "Board", "Front-line staff", "Patient partners"],
        ["All statements in this component", "Hidden", "3", "Hidden"],
        ["1.1 Statement a-1.", "Hidden", "3", "Hidden"],
    ]
    # Nobody answered a-2: every group is hidden there, with nothing to show.
    assert rows[3] == ["1.2 Statement a-2.", "Hidden", "Hidden", "Hidden"]
    _, cells = heatmap_cells(html)
    assert cells[:6] == ["Hidden", "3", "Hidden", "Hidden", "3", "Hidden"]
    # The rule is explained in words, with k, and counts rated answers only:
    assert "fewer than 3 people's rated answers are not shown" in html


def test_suppressed_figures_never_reach_the_html(client, member_of, small_group_assessment):
    html = get_page(client, member_of, small_group_assessment)
    _, texts = read_page(html)
    for hidden_median in ("4.5", "1.5"):
        assert hidden_median not in texts
        assert f"median {hidden_median}" not in html
        assert f"Board {hidden_median}" not in html
        assert f"Patient partners {hidden_median}" not in html
    assert "Board hidden" in html  # the chart's description says so in words
    assert "Patient partners hidden" in html
    # The hidden groups' counts (4 and 2 people) appear in no form either.
    for count in ("4 answers", "2 answers", "(4)", "(2)", "n = 4", "n = 2"):
        assert count not in html


def test_gaps_never_involve_hidden_groups(client, member_of, small_group_assessment):
    client.force_login(member_of(small_group_assessment.organisation, Role.VIEWER))
    url = reverse("results:discussion", args=[small_group_assessment.pk])
    html = client.get(url).content.decode()
    assert "No gaps between groups to show." in html
    assert "Patient partners" not in html
