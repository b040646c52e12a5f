"""The revealed figures, checked against values worked out by hand."""

import html as html_lib
import re

import pytest
from django.utils import timezone

from selfassess.assessments.models import Participant
from selfassess.assessments.tests.factories import ParticipantGroupFactory
from selfassess.workshop.models import LiveSession, Vote, VoteRound

from .conftest import answer_survey, group


def vote(round_, assessment, group_name, levels):
    for level in levels:
        participant, _ = Participant.invite(assessment, group(assessment, group_name))
        Vote.objects.create(round=round_, participant=participant, level=level)


@pytest.fixture
def revealed(assessment):
    session = LiveSession.objects.create(assessment=assessment, current_statement_id="a-1")
    return VoteRound.objects.create(
        session=session, statement_id="a-1", state="revealed", revealed_at=timezone.now()
    )


def cells(html, caption):
    table = html.split(caption, 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [
        [
            html_lib.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_the_screen_shows_the_vote_beside_the_survey_and_groups_with_k_voters(
    assessment, revealed, facilitator
):
    # Votes: Board 3, 3, 2; Front-line 1, 2, 2, don't know (k = 3: both groups shown).
    vote(revealed, assessment, "Board", [3, 3, 2])
    vote(revealed, assessment, "Front-line staff", [1, 2, 2, None])
    # Survey: 1, 1, 4, 5 and one don't know.
    answer_survey(assessment, "Board", "a-1", [1, 1, 4, 5, None])
    html = facilitator.get(f"/assessments/{assessment.pk}/workshop/screen/").content.decode()

    by_level = cells(html, "Workshop vote and survey answers by level")
    # Hand counts: 7 votes (1:1, 2:3, 3:2, don't know 1); shares of 7: 14%, 43%, 29%, 14%.
    # Survey: 5 answers (1:2, 4:1, 5:1, don't know 1); shares of 5: 40%, 20%, 20%, 20%.
    assert by_level[1:] == [
        ["1 Not started", "1", "14%", "2", "40%"],
        ["2 Emerging", "3", "43%", "0", "0%"],
        ["3 Developing", "2", "29%", "0", "0%"],
        ["4 Established", "0", "0%", "1", "20%"],
        ["5 Leading", "0", "0%", "1", "20%"],
        ["Don't know", "1", "14%", "1", "20%"],
        ["Total", "7", "", "5", ""],
        # Rated votes sorted 1,2,2,2,3,3: median (2+2)/2 = 2. Survey 1,1,4,5: (1+4)/2 = 2.5.
        ["Median level", "2", "", "2.5", ""],
    ]
    # Board 2,3,3: median 3. Front-line rated 1,2,2: median 2.
    assert cells(html, "Workshop vote by group")[1:] == [
        ["Board", "3", "3"],
        ["Front-line staff", "4", "2"],
    ]
    assert "not shown on" not in html


def test_a_small_group_is_hidden_and_so_is_the_group_that_would_give_it_away(
    assessment, revealed, facilitator
):
    ParticipantGroupFactory(assessment=assessment, name="Patient partners", position=2)
    vote(revealed, assessment, "Board", [4, 4, 4])
    vote(revealed, assessment, "Front-line staff", [2, 2, 2, 1])
    vote(revealed, assessment, "Patient partners", [5])
    html = facilitator.get(f"/assessments/{assessment.pk}/workshop/screen/").content.decode()
    # Patient partners (1 < k = 3) is hidden; 1 hidden voter is fewer than k, so the smallest
    # shown group (Board, 3) is hidden too. Front-line staff (4) is shown: median 2.
    assert cells(html, "Workshop vote by group")[1:] == [["Front-line staff", "4", "2"]]
    assert "2 groups are not shown on their own" in html
    assert "Workshop vote: Board" not in html and "Workshop vote: Patient" not in html


def test_while_voting_the_screen_shows_only_the_count(assessment, facilitator):
    session = LiveSession.objects.create(assessment=assessment, current_statement_id="a-1")
    round_ = VoteRound.objects.create(session=session, statement_id="a-1")
    vote(round_, assessment, "Board", [5, 1])
    response = facilitator.get(f"/assessments/{assessment.pk}/workshop/screen/live/")
    html = response.json()["html"]
    assert re.search(r"<strong[^>]*>2</strong>\s*people have voted", html)
    assert "Workshop votes" not in html and "Leading" not in html
