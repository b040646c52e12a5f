"""Joining in a room with the assessment's code: code, then group, then a personal link."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.participation.services import SESSION_KEY

pytestmark = pytest.mark.django_db

JOIN = reverse("participation:join")


def group_page(client, code="K7PX4Q"):
    response = client.get(reverse("participation:join", args=[code]))
    key = re.search(r'name="form_key" value="([^"]+)"', response.content.decode())
    return response, key.group(1) if key else None


def test_code_page(client):
    response = client.get(JOIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="code"' in html
    assert 'id="code" name="code"' in html
    assert "Join code" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the join code you were given"),
        ("WRONG1", "Check the join code and type it again"),
        ("K7PX4", "Check the join code and type it again"),
        ("x" * 41, "Check the join code: it is much shorter than this"),
    ],
)
def test_a_wrong_code_says_what_to_fix(client, assessment, typed, message):
    response = client.post(JOIN, {"code": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'href="#code"' in html
    assert "<title>Error: Join an assessment" in html
    assert not Participant.objects.exists()


@pytest.mark.parametrize("typed", ["K7PX4Q", "k7px4q", " k7px 4q "])
def test_a_right_code_goes_on_to_the_groups(client, assessment, typed):
    response = client.post(JOIN, {"code": typed})
    assert response.status_code == 302
    assert response.url == reverse("participation:join", args=["K7PX4Q"])
    page, key = group_page(client)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Which group are you in?" in html
    assert "Board" in html
    assert "Front-line staff" in html
    assert "at least 6 people" in html
    assert key


def test_joining_creates_one_participant_in_the_chosen_group(client, assessment, group):
    _page, key = group_page(client, "k7px4q")
    response = client.post(
        reverse("participation:join", args=["k7px4q"]), {"group": group.pk, "form_key": key}
    )
    assert response.status_code == 302
    assert response.url == reverse("participation:joined")
    joined = Participant.objects.get()
    assert joined.assessment == assessment
    assert joined.group == group
    assert joined.joined_by_code is True
    assert joined.started_at is None
    assert client.session[SESSION_KEY] == joined.pk

    # The link is shown once, and it is this participant's link.
    html = client.get(response.url).content.decode()
    link = re.search(r'href="http://testserver/take-part/([^/"]+)/"', html)
    assert link, html
    assert Participant.from_token(link.group(1)) == joined
    assert "This is the only time your link is shown" in html
    again = client.get(response.url).content.decode()
    assert link.group(1) not in again
    assert "Your personal link was shown once" in again

    # And the journey carries on from there.
    assert client.get(reverse("participation:intro")).status_code == 200


def test_the_same_join_posted_twice_joins_once(client, assessment, group):
    _page, key = group_page(client)
    url = reverse("participation:join", args=["K7PX4Q"])
    first = client.post(url, {"group": group.pk, "form_key": key})
    second = client.post(url, {"group": group.pk, "form_key": key})
    assert first.url == second.url == reverse("participation:joined")
    assert Participant.objects.count() == 1


def test_two_people_on_one_device_each_join(client, assessment, group):
    url = reverse("participation:join", args=["K7PX4Q"])
    for _ in range(2):
        _page, key = group_page(client)
        client.post(url, {"group": group.pk, "form_key": key})
    first, second = Participant.objects.order_by("pk")
    assert first.token_hash != second.token_hash
    assert client.session[SESSION_KEY] == second.pk


@pytest.mark.parametrize("choice", [None, "999999", "abc", "other"])
def test_a_group_must_be_one_of_this_assessments(client, assessment, choice):
    other_group = ParticipantGroupFactory(assessment=AssessmentFactory(status=Status.OPEN))
    _page, key = group_page(client)
    data = {"form_key": key}
    if choice is not None:
        data["group"] = other_group.pk if choice == "other" else choice
    response = client.post(reverse("participation:join", args=["K7PX4Q"]), data)
    assert response.status_code == 400
    html = response.content.decode()
    expected = "Choose the group you belong to" if choice is None else "Choose one of the groups"
    assert expected in html
    assert 'href="#group"' in html
    assert not Participant.objects.exists()


def test_an_expired_group_page_is_refused(client, assessment, group):
    group_page(client)
    response = client.post(
        reverse("participation:join", args=["K7PX4Q"]),
        {"group": group.pk, "form_key": "made-up"},
    )
    assert response.status_code == 400
    assert "This page had expired" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_closed_assessment_cannot_be_joined(client, assessment, group):
    _page, key = group_page(client)
    assessment.transition_to(Status.CLOSED)
    response = client.post(JOIN, {"code": "K7PX4Q"})
    assert response.status_code == 400
    assert "Check the join code and type it again" in response.content.decode()
    # Nor with the group page that was opened before it closed.
    response = client.post(
        reverse("participation:join", args=["K7PX4Q"]), {"group": group.pk, "form_key": key}
    )
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_a_draft_assessment_cannot_be_joined_yet(client):
    draft = AssessmentFactory(join_code="DRAFT1")
    ParticipantGroupFactory(assessment=draft)
    response = client.get(reverse("participation:join", args=["DRAFT1"]))
    assert response.status_code == 400
    assert "Check the join code and type it again" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_wrong_code_in_the_address_is_not_shown_back(client, assessment):
    """The box is empty again, so the page is the same whichever code was refused."""
    response = client.get(reverse("participation:join", args=["NOPE42"]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "NOPE42" not in html
    assert "Check the join code" in html


def _session_table():
    """Everything the session table holds, raw and decoded, as one text."""
    from django.contrib.sessions.models import Session

    return " ".join(f"{s.session_data} {s.get_decoded()}" for s in Session.objects.all())


def test_the_session_table_never_holds_the_joiners_link(client, assessment, group):
    """The review found the raw personal-link token kept in the session between joining and
    the page that shows it. The link is now made when that page is drawn."""
    _page, key = group_page(client)
    client.post(
        reverse("participation:join", args=["K7PX4Q"]), {"group": group.pk, "form_key": key}
    )
    before = _session_table()
    html = client.get(reverse("participation:joined")).content.decode()
    token = re.search(r'href="http://testserver/take-part/([^/"]+)/"', html).group(1)
    after = _session_table()
    assert token not in before
    assert token not in after
    # The link shown is the one that works: the participant resumes with it in a new browser.
    joined = Participant.objects.get()
    assert Participant.from_token(token) == joined
    other = Client()
    response = other.get(reverse("participation:start", args=[token]))
    assert response.url == reverse("participation:intro")
    assert other.session[SESSION_KEY] == joined.pk
