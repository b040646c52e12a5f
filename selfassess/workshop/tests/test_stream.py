"""The live channel end to end, against uvicorn: phones and presenters hold a stream open and
are sent each change as the facilitator makes it, with nothing for anyone else in it.

Each test reads the streams as a browser's EventSource does, over a real connection
(`tests.asgi`), and changes the workshop through the service layer or the pages.
"""

from __future__ import annotations

import pytest
import requests
from django.conf import settings
from django.test import Client

from selfassess.assessments.models import Participant
from selfassess.organisations.models import Role
from selfassess.workshop import services
from selfassess.workshop.models import Vote
from tests.event_stream import EventStream

from .conftest import group

pytestmark = pytest.mark.django_db(transaction=True)


def http_for(client: Client) -> requests.Session:
    """A requests session carrying a Django test client's session cookie."""
    http = requests.Session()
    http.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    return http


def phone(assessment, group_name="Board"):
    """A phone that has opened its personal workshop link: (requests session, participant)."""
    participant, token = Participant.invite(assessment, group(assessment, group_name))
    client = Client()
    assert client.get(f"/workshop/take-part/{token}/").status_code == 302
    return http_for(client), participant


def presenter(member_of, assessment, role=Role.FACILITATOR):
    client = Client()
    user = member_of(assessment.organisation, role)
    client.force_login(user)
    return http_for(client), user


def vote_in_place(http, base, round_id, level):
    page = http.get(base + "/workshop/vote/")
    assert page.status_code == 200
    token = http.cookies["csrftoken"]
    return http.post(
        base + "/workshop/vote/",
        data={"round": round_id, "level": level, "csrfmiddlewaretoken": token},
        headers={"Accept": "application/json"},
    )


@pytest.fixture
def live(assessment, member_of):
    facilitator = member_of(assessment.organisation, Role.FACILITATOR)
    session = services.start_session(assessment, facilitator)
    return session


def test_a_phone_is_sent_each_change_as_the_facilitator_makes_it(asgi_server, assessment, live):
    http, _ = phone(assessment)
    stream = EventStream(http, asgi_server.url + "/workshop/vote/stream/")
    assert stream.status == 200
    assert stream.headers["Content-Type"].startswith("text/event-stream")
    assert stream.headers["Cache-Control"] == "no-store"
    first = stream.next("state")
    assert first["state"] == "none"
    assert first["own"] is None

    round_ = services.open_vote(live, None)
    opened = stream.next("state")
    assert (opened["state"], opened["round"]) == ("open", round_.pk)
    statement = assessment.framework.statement(live.current_statement_id)
    assert statement.text in opened["html"]
    # Rendered once for the room: nobody's token or vote is in it.
    assert "csrfmiddlewaretoken" not in opened["html"]
    assert "(your vote)" not in opened["html"]

    services.reveal_vote(live, round_.pk)
    assert stream.next("state")["state"] == "revealed"
    services.end_session(live)
    assert stream.next("state")["state"] == "waiting"
    stream.close()


def test_a_phone_that_drops_mid_vote_gets_the_current_state_and_its_vote_counts_once(
    asgi_server, assessment, live
):
    http, participant = phone(assessment)
    round_ = services.open_vote(live, None)
    stream = EventStream(http, asgi_server.url + "/workshop/vote/stream/")
    assert stream.next("state")["state"] == "open"

    answer = vote_in_place(http, asgi_server.url, round_.pk, "3")
    assert answer.status_code == 200
    assert answer.json() == {
        "counted": True,
        "own": {"round": round_.pk, "level": "3", "label": "3 Developing"},
    }
    stream.close()  # the connection drops; the phone did not hear whether it counted
    assert vote_in_place(http, asgi_server.url, round_.pk, "3").json()["counted"] is True

    services.close_vote(live, round_.pk)  # while the phone is away
    again = EventStream(http, asgi_server.url + "/workshop/vote/stream/")
    back = again.next("state")
    assert back["state"] == "closed"
    assert back["own"] == {"round": round_.pk, "level": "3", "label": "3 Developing"}
    assert Vote.objects.filter(round=round_, participant=participant).count() == 1
    assert Vote.objects.get(round=round_).level == 3
    again.close()


def test_a_vote_refused_in_place_says_why_and_stores_nothing(asgi_server, assessment, live):
    http, _ = phone(assessment)
    round_ = services.open_vote(live, None)
    services.close_vote(live, round_.pk)
    answer = vote_in_place(http, asgi_server.url, round_.pk, "2")
    assert answer.status_code == 409
    assert answer.json()["counted"] is False
    assert "closed" in answer.json()["message"]
    bad = vote_in_place(http, asgi_server.url, round_.pk, "9")
    assert bad.status_code == 400
    assert Vote.objects.count() == 0


def test_the_end_of_a_countdown_is_sent_though_nobody_pressed_anything(
    asgi_server, assessment, live
):
    http, _ = phone(assessment)
    services.open_vote(live, None, seconds=2)
    stream = EventStream(http, asgi_server.url + "/workshop/vote/stream/")
    opened = stream.next("state")
    assert opened["state"] == "open"
    assert opened["deadline"] is not None
    ended = stream.next("state", timeout=6)
    assert ended["state"] == "closed"
    assert "Time is up" in ended["html"]
    stream.close()


def test_a_stream_sends_nothing_while_nothing_changes(asgi_server, assessment, live):
    http, _ = phone(assessment)
    stream = EventStream(http, asgi_server.url + "/workshop/vote/stream/")
    stream.next("state")
    services.show_count(live, shown=True)  # the screen's switch: phones show the same
    assert stream.quiet(1.5)
    stream.close()


def test_presenters_see_the_count_go_up_and_phones_are_not_told(
    asgi_server, assessment, live, member_of
):
    http, _ = presenter(member_of, assessment)
    control = EventStream(
        http, asgi_server.url + f"/assessments/{assessment.pk}/workshop/stream/?view=control"
    )
    screen = EventStream(
        http, asgi_server.url + f"/assessments/{assessment.pk}/workshop/stream/?view=screen"
    )
    assert control.next("update")["key"]
    assert screen.next("update")["key"]
    round_ = services.open_vote(live, None)
    assert (
        "Voting is open" in control.until("update", lambda d: "Voting is open" in d["html"])["html"]
    )

    voter, _ = phone(assessment)
    watcher = EventStream(voter, asgi_server.url + "/workshop/vote/stream/")
    watcher.next("state")
    assert vote_in_place(voter, asgi_server.url, round_.pk, "4").json()["counted"]
    counted = control.until("update", lambda d: "<strong>1</strong> person has voted" in d["html"])
    assert "csrfmiddlewaretoken" in counted["html"]  # the control page's forms still work
    screen.until("update", lambda d: "1</strong> person has voted" in d["html"])
    assert watcher.quiet(1.5)  # a vote is no news to the other phones
    for each in (control, screen, watcher):
        each.close()


@pytest.mark.parametrize("view", ["control", "screen"])
def test_only_those_who_run_the_assessment_get_its_presenter_streams(
    asgi_server, assessment, live, member_of, view
):
    from selfassess.organisations.tests.factories import OrganisationFactory

    url = asgi_server.url + f"/assessments/{assessment.pk}/workshop/stream/?view={view}"
    anonymous = requests.get(url, allow_redirects=False, timeout=5)
    assert anonymous.status_code == 302
    viewer, _ = presenter(member_of, assessment, Role.VIEWER)
    assert viewer.get(url, timeout=5).status_code == 403
    other = Client()
    other.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    assert http_for(other).get(url, timeout=5).status_code == 404
    facilitator, _ = presenter(member_of, assessment)
    assert facilitator.get(url.replace(view, "nonsense"), timeout=5).status_code == 400


def test_a_phone_that_has_not_joined_gets_no_stream(asgi_server):
    response = requests.get(asgi_server.url + "/workshop/vote/stream/", timeout=5)
    assert response.status_code == 403
