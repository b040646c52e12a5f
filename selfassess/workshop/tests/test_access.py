"""Who may open each workshop page: every URL, every role, and other organisations."""

import pytest
from django.test import Client

from selfassess.workshop.models import LiveSession

FACILITATOR_GETS = [
    "workshop/",
    "workshop/live/",
    "workshop/screen/",
    "workshop/screen/live/",
    "workshop/screen/qr.svg",
    "consensus/a-1/",
]
FACILITATOR_POSTS = [
    "workshop/start/",
    "workshop/end/",
    "workshop/show/",
    "workshop/vote/open/",
    "workshop/vote/close/",
    "workshop/vote/reveal/",
    "consensus/a-1/",
]


@pytest.fixture
def live(assessment):
    return LiveSession.objects.create(assessment=assessment, current_statement_id="a-1")


def address(assessment, tail):
    return f"/assessments/{assessment.pk}/{tail}"


@pytest.mark.parametrize("tail", [*FACILITATOR_GETS, "consensus/"])
def test_signed_out_people_are_sent_to_sign_in(assessment, live, tail):
    response = Client().get(address(assessment, tail))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("tail", [*FACILITATOR_GETS, "consensus/"])
def test_other_organisations_find_nothing(assessment, live, outsider, tail):
    assert outsider.get(address(assessment, tail)).status_code == 404


@pytest.mark.parametrize("tail", FACILITATOR_POSTS)
def test_other_organisations_cannot_change_anything(assessment, live, outsider, tail):
    assert outsider.post(address(assessment, tail), {"statement": "b-1"}).status_code == 404
    live.refresh_from_db()
    assert (live.state, live.current_statement_id) == ("live", "a-1")


@pytest.mark.parametrize("tail", FACILITATOR_GETS)
def test_viewers_cannot_run_the_workshop(assessment, live, viewer, tail):
    assert viewer.get(address(assessment, tail)).status_code == 403


@pytest.mark.parametrize("tail", FACILITATOR_POSTS)
def test_viewers_cannot_change_anything(assessment, live, viewer, tail):
    assert viewer.post(address(assessment, tail), {"statement": "b-1"}).status_code == 403
    live.refresh_from_db()
    assert (live.state, live.current_statement_id) == ("live", "a-1")


def test_viewers_read_the_agreed_positions_without_links_to_change_them(assessment, viewer):
    response = viewer.get(address(assessment, "consensus/"))
    assert response.status_code == 200
    assert f"/assessments/{assessment.pk}/consensus/a-1/" not in response.content.decode()


@pytest.mark.parametrize("tail", [*FACILITATOR_GETS, "consensus/"])
def test_facilitators_open_every_page(assessment, live, facilitator, tail):
    assert facilitator.get(address(assessment, tail)).status_code == 200


def test_a_statement_outside_the_framework_is_not_found(assessment, facilitator):
    assert facilitator.get(address(assessment, "consensus/z-9/")).status_code == 404


@pytest.mark.parametrize("tail", [t for t in FACILITATOR_POSTS if t.startswith("workshop")])
def test_changes_need_a_post(assessment, live, facilitator, tail):
    assert facilitator.get(address(assessment, tail)).status_code == 405


def test_phones_that_have_not_joined_are_refused(assessment, live):
    client = Client()
    assert client.get("/workshop/vote/").status_code == 403
    assert client.post("/workshop/vote/", {"round": 1, "level": "2"}).status_code == 403
    assert client.get("/workshop/vote/live/").status_code == 403


def test_a_phone_cannot_vote_in_another_organisations_workshop(assessment, live, phone):
    from selfassess.assessments.tests.factories import AssessmentFactory
    from selfassess.workshop.models import Vote, VoteRound

    other = AssessmentFactory(join_code="QQQQQQQ")
    other_session = LiveSession.objects.create(assessment=other, current_statement_id="a-1")
    other_round = VoteRound.objects.create(session=other_session, statement_id="a-1")
    client, _participant = phone()
    response = client.post("/workshop/vote/", {"round": other_round.pk, "level": "2"}, follow=True)
    assert "This vote is not part of your workshop" in response.content.decode()
    assert not Vote.objects.exists()
