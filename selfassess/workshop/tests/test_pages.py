"""The workshop journey through its pages: start, join, vote, reveal, agree, summarise."""

import re

from selfassess.assessments.models import ConsensusRating, Participant
from selfassess.workshop.models import LiveSession, Vote, VoteRound

from .conftest import answer_survey, group


def start(facilitator, assessment):
    facilitator.post(f"/assessments/{assessment.pk}/workshop/start/")
    return LiveSession.objects.get(assessment=assessment, state="live")


def test_starting_twice_gives_one_session_in_discussion_order(assessment, facilitator):
    # a-2 has the widest spread of survey answers, so the discussion starts there (agreement
    # needs at least 5 rated answers, so each statement has 5).
    answer_survey(assessment, "Board", "a-1", [3, 3, 3, 3, 3])
    answer_survey(assessment, "Board", "a-2", [1, 5, 1, 5, 1])
    session = start(facilitator, assessment)
    start(facilitator, assessment)
    assert LiveSession.objects.count() == 1
    html = facilitator.get(f"/assessments/{assessment.pk}/workshop/").content.decode()
    order = re.findall(r"<td class=\"nhsuk-table__cell\">(\d\.\d) Statement", html)
    assert order[0] == "1.2"
    assert session.current_statement_id == "a-2"  # the session opens where to start


def test_a_draft_or_complete_assessment_cannot_run_a_workshop(assessment, facilitator):
    assessment.transition_to("complete")
    response = facilitator.post(f"/assessments/{assessment.pk}/workshop/start/", follow=True)
    assert "complete assessment" in response.content.decode()
    assert not LiveSession.objects.exists()


def test_joining_by_code_and_group_then_voting(assessment, facilitator, client):
    start(facilitator, assessment)
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/open/", {"round": ""})
    round_ = VoteRound.objects.get()
    phone = type(client)()
    response = phone.post("/workshop/", {"code": "acd-efgh"})
    assert response["Location"] == "/workshop/ACDEFGH/"
    page = phone.get("/workshop/ACDEFGH/")
    key = re.search(r'name="form_key" value="([^"]+)"', page.content.decode()).group(1)
    board = group(assessment, "Board")
    for _ in range(2):  # a double click joins once
        response = phone.post("/workshop/ACDEFGH/", {"group": board.pk, "form_key": key})
        assert response["Location"] == "/workshop/vote/"
    assert Participant.objects.filter(joined_by_code=True, group=board).count() == 1
    page = phone.get("/workshop/vote/").content.decode()
    assert "Descriptor 3 of a-1." in page and 'name="level"' in page
    phone.post("/workshop/vote/", {"round": round_.pk, "level": "3"})
    assert Vote.objects.get().level == 3
    page = phone.get("/workshop/vote/").content.decode()
    assert "Your vote is counted: 3 Developing." in page
    assert re.search(r'value="3" class="[^"]*app-phone__choice--chosen', page)


def test_a_wrong_code_or_a_workshop_not_started_is_explained(assessment):
    from django.test import Client

    phone = Client()
    response = phone.post("/workshop/", {"code": "NOPE"})
    assert response.status_code == 400
    assert "Check the join code and type it again" in response.content.decode()
    # Before the session starts the right code is refused just as a wrong one is.
    response = phone.get("/workshop/ACDEFGH/")
    assert response.status_code == 404
    assert "Check the join code and type it again" in response.content.decode()


def test_joining_with_a_pasted_personal_link_keeps_the_invited_group(assessment, facilitator):
    from django.test import Client

    start(facilitator, assessment)
    participant, token = Participant.invite(assessment, group(assessment, "Front-line staff"))
    phone = Client()
    response = phone.post(
        "/workshop/ACDEFGH/", {"action": "link", "link": f"https://x.nhs.uk/take-part/{token}/"}
    )
    assert response["Location"] == "/workshop/vote/"
    assert phone.session["participant_id"] == participant.pk
    response = phone.post("/workshop/ACDEFGH/", {"action": "link", "link": "https://x/y/wrong/"})
    assert response.status_code == 400
    assert "not a personal link for this workshop" in response.content.decode()


def test_the_phone_follows_the_room(assessment, facilitator, phone):
    session = start(facilitator, assessment)
    client, _ = phone()
    key = client.get("/workshop/vote/live/").json()["key"]
    assert "has not opened yet" in client.get("/workshop/vote/").content.decode()
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/open/", {"round": ""})
    opened = client.get("/workshop/vote/live/").json()["key"]
    assert opened != key
    round_ = VoteRound.objects.get()
    client.post("/workshop/vote/", {"round": round_.pk, "level": "2"})
    assert client.get("/workshop/vote/live/").json()["key"] == opened  # no reload mid-vote
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/reveal/", {"round": round_.pk})
    page = client.get("/workshop/vote/").content.decode()
    assert "The votes are on the shared screen" in page and "Your vote was counted" in page
    assert session.pk


def test_a_bad_vote_is_explained_and_stores_nothing(assessment, facilitator, phone):
    start(facilitator, assessment)
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/open/", {"round": ""})
    client, _ = phone()
    round_ = VoteRound.objects.get()
    response = client.post("/workshop/vote/", {"round": round_.pk, "level": "9"})
    assert response.status_code == 400
    assert "Choose one of the descriptions shown" in response.content.decode()
    response = client.post("/workshop/vote/", {"round": round_.pk})
    assert "Choose the description that best matches" in response.content.decode()
    assert not Vote.objects.exists()


def test_the_control_page_shows_the_count_and_records_consensus(assessment, facilitator, phone):
    start(facilitator, assessment)
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/open/", {"round": ""})
    round_ = VoteRound.objects.get()
    for level in ("1", "4"):
        phone()[0].post("/workshop/vote/", {"round": round_.pk, "level": level})
    live = facilitator.get(f"/assessments/{assessment.pk}/workshop/live/").json()
    assert re.search(r"<strong>2</strong> people have voted", live["html"])
    response = facilitator.post(
        f"/assessments/{assessment.pk}/consensus/a-1/",
        {
            "current_level": "2",
            "target_level": "3",
            "rationale": "Agreed after discussion.",
            "evidence": "",
            "base_version": "0",
            "return_to": "workshop",
        },
    )
    assert response["Location"] == f"/assessments/{assessment.pk}/workshop/"
    assert ConsensusRating.objects.get().current_level == 2
    facilitator.post(f"/assessments/{assessment.pk}/workshop/show/", {"statement": "nope"})
    assert LiveSession.objects.get().current_statement_id == "a-1"


def test_the_summary_shows_agreed_and_still_to_agree_by_component(assessment, facilitator):
    ConsensusRating.objects.create(
        assessment=assessment,
        statement_id="b-1",
        current_level=2,
        target_level=4,
        rationale="Some teams only.",
        evidence="Audit 2025.",
    )
    html = facilitator.get(f"/assessments/{assessment.pk}/consensus/").content.decode()
    assert "1 of 5 statements agreed." in html
    assert "0 of 3 statements agreed." in html and "1 of 2 statements agreed." in html
    assert "2 Emerging" in html and "4 Established" in html and "Audit 2025." in html
    assert html.count("To agree") == 4


def test_a_complete_assessment_keeps_its_positions(assessment, facilitator):
    assessment.transition_to("complete")
    response = facilitator.post(
        f"/assessments/{assessment.pk}/consensus/a-1/",
        {"current_level": "2", "target_level": "3", "rationale": "x", "base_version": "0"},
        follow=True,
    )
    assert "agreed positions are final" in response.content.decode()
    assert not ConsensusRating.objects.exists()


def test_the_screen_shows_the_code_and_a_qr_code_of_the_join_address(assessment, facilitator):
    start(facilitator, assessment)
    html = facilitator.get(f"/assessments/{assessment.pk}/workshop/screen/").content.decode()
    assert "ACDEFGH" in html and "http://testserver/workshop/ACDEFGH/" in html
    assert "nhsuk-header__account" not in html  # no one's name on the shared screen
    svg = facilitator.get(f"/assessments/{assessment.pk}/workshop/screen/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert "QR code for http://testserver/workshop/ACDEFGH/" in svg.content.decode()


def test_the_overview_links_to_the_workshop_and_the_summary(assessment, facilitator, viewer):
    html = facilitator.get(f"/assessments/{assessment.pk}/").content.decode()
    assert f"/assessments/{assessment.pk}/workshop/" in html
    assert f"/assessments/{assessment.pk}/consensus/" in html
    html = viewer.get(f"/assessments/{assessment.pk}/").content.decode()
    assert f"/assessments/{assessment.pk}/workshop/" not in html
    assert f"/assessments/{assessment.pk}/consensus/" in html


def test_the_summary_offers_facilitators_an_action_per_statement(assessment, facilitator, viewer):
    create = f"/assessments/{assessment.pk}/plan/actions/new/"
    html = facilitator.get(f"/assessments/{assessment.pk}/consensus/").content.decode()
    for number, statement_id in [("1.1", "a-1"), ("1.3", "a-3"), ("2.2", "b-2")]:
        row = html[html.index(f'id="statement-{statement_id}"') :]
        row = row[: row.index("</tr>")]
        assert f'<a href="{create}?statement={statement_id}">Add an action' in row
        assert f"for statement {number}</span></a>" in row
    assert html.count(f'href="{create}?statement=') == 5  # every statement, agreed or not
    form = facilitator.get(f"{create}?statement=b-2")
    assert "This action starts from statement 2.2" in form.content.decode()

    html = viewer.get(f"/assessments/{assessment.pk}/consensus/").content.decode()
    assert create not in html and "Add an action" not in html
