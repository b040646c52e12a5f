"""Where to start: rankings by disagreement and by group gap, against hand-worked values."""

import pytest
from django.urls import reverse

from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Role

from .helpers import answer_many, table_by_caption

pytestmark = pytest.mark.django_db


def get_page(client, member_of, assessment):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    response = client.get(reverse("results:discussion", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_statements_ranked_by_disagreement(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    rows = table_by_caption(html, "Statements by disagreement, most first")
    # r_wg and IQR by hand: a-2 0 and 4; a-1 0 and 2.75; b-1 1 - 0.3/2 = 0.85 and 1;
    # b-2 1 - 0.2/2 = 0.9 and 0; a-3 1 and 0. Each has at least 5 levels overall, enough for
    # r_wg. Lowest r_wg first, ties by the wider IQR. Agreement is shown rounded down to two
    # decimals; the IQR in levels, to one decimal (2.75 -> 2.8).
    assert [row[1:] for row in rows[1:]] == [
        ["0.00", "4 levels", "3"],
        ["0.00", "2.8 levels", "3"],
        ["0.85", "1 level", "3.5"],
        ["0.90", "0 levels", "2"],
        ["1.00", "0 levels", "4"],
    ]
    assert [row[0].split(" Component")[0] for row in rows[1:]] == [
        "1.2 Statement a-2.",
        "1.1 Statement a-1.",
        "2.1 Statement b-1.",
        "2.2 Statement b-2.",
        "1.3 Statement a-3.",
    ]
    assert rows[1][0].endswith("Contested")
    assert rows[3][0] == "2.1 Statement b-1. Component B"


def test_statements_ranked_by_group_gap_name_the_higher_group(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    rows = table_by_caption(html, "Statements by gap between groups, largest first")
    # Group medians by hand: a-1 Board 5 (5,5,4) vs staff 2 (2,2,1); b-1 Board 3 (3,3,4) vs
    # staff 4 (3,4,4). a-3: no gap. a-2 and b-2: staff gave only 2 levels (< k = 3), so both
    # groups are hidden there (complementary suppression) and there is no gap to show.
    assert rows[1:] == [
        ["1.1 Statement a-1.", "Board (median 5)", "Front-line staff (median 2)", "3"],
        ["2.1 Statement b-1.", "Front-line staff (median 4)", "Board (median 3)", "1"],
    ]


def test_rows_link_to_the_statement_on_its_component_page(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    href = reverse("results:component", args=[assessment.pk, "comp-a"]) + "#statement-a-2"
    assert f'href="{href}"' in html


def test_a_single_shown_group_gives_no_gaps(client, member_of):
    assessment = AssessmentFactory(anonymity_threshold=3)
    # Five people, enough for r_wg, so the statement is ranked by disagreement.
    answer_many(
        assessment, ParticipantGroupFactory(assessment=assessment), {"a-1": [1, 5, 3, 2, 4]}
    )
    html = get_page(client, member_of, assessment)
    assert "No gaps between groups to show." in html
    assert "Statements by disagreement, most first" in html
