"""Who may open what: unknown, revoked, draft and closed links, sessions, other assessments."""

import pytest
from django.urls import reverse
from django.utils import timezone

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.participation.services import SESSION_KEY

from .conftest import answers_post, page_url

pytestmark = pytest.mark.django_db

JOURNEY_PAGES = [
    reverse("participation:intro"),
    page_url(1),
    reverse("participation:check"),
    reverse("participation:joined"),
]


def start(client, token):
    return client.get(reverse("participation:start", args=[token]))


def test_unknown_token_is_not_found(client, participant):
    response = start(client, "not-a-real-token")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_revoked_token_is_not_found(client, participant, token):
    participant.revoked_at = timezone.now()
    participant.save()
    response = start(client, token)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_draft_assessment_is_not_open_yet(client):
    draft = AssessmentFactory()
    assert draft.status == Status.DRAFT
    _participant, token = Participant.invite(draft, ParticipantGroupFactory(assessment=draft))
    response = start(client, token)
    assert response.status_code == 403
    assert "This assessment is not open yet" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("final_status", [Status.CLOSED, Status.COMPLETE])
def test_closed_assessment_says_so(client, assessment, token, final_status):
    assessment.transition_to(Status.CLOSED)
    if final_status == Status.COMPLETE:
        assessment.transition_to(Status.COMPLETE)
    response = start(client, token)
    assert response.status_code == 410
    assert "This assessment has closed" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("url", JOURNEY_PAGES)
def test_journey_pages_need_the_link_first(client, url):
    response = client.get(url)
    assert response.status_code == 403
    assert "Open your personal link to carry on" in response.content.decode()


@pytest.mark.parametrize("name", ["participation:saved", "participation:done"])
def test_end_pages_need_a_journey_first(client, name):
    assert client.get(reverse(name)).status_code == 403


def test_opening_the_link_renews_the_session_key(client, token):
    client.get("/")
    before = client.session.session_key
    start(client, token)
    assert client.session.session_key != before


def test_journey_pages_are_never_cached(in_journey):
    response = in_journey.get(page_url(1))
    assert "no-store" in response["Cache-Control"]


def test_closing_mid_journey_refuses_and_changes_nothing(in_journey, assessment, participant):
    client = in_journey
    client.post(page_url(1), answers_post(participant, {"a-1": ("2", "")}))
    assessment.transition_to(Status.CLOSED)

    response = client.post(
        page_url(1), answers_post(participant, {"a-1": ("5", "Changed"), "a-2": ("3", "")})
    )
    assert response.status_code == 410
    assert "This assessment has closed" in response.content.decode()
    assert list(Response.objects.values_list("statement_id", "level", "comment")) == [
        ("a-1", 2, "")
    ]
    assert client.get(reverse("participation:check")).status_code == 410
    response = client.post(reverse("participation:check"))
    assert response.status_code == 410
    participant.refresh_from_db()
    assert participant.completed_at is None


def test_revoking_mid_journey_refuses_and_changes_nothing(in_journey, participant):
    participant.revoked_at = timezone.now()
    participant.save()
    response = in_journey.post(page_url(1), answers_post(participant, {"a-1": ("2", "")}))
    assert response.status_code == 404
    assert not Response.objects.exists()
    assert SESSION_KEY not in in_journey.session


def other_assessment():
    other = AssessmentFactory(status=Status.OPEN, introduction="Another organisation's assessment.")
    group = ParticipantGroupFactory(assessment=other, name="Board")
    return Participant.invite(other, group)


def test_a_link_opens_only_its_own_assessment(client, participant, token):
    other, other_token = other_assessment()
    start(client, other_token)
    assert client.session[SESSION_KEY] == other.pk
    intro = client.get(reverse("participation:intro")).content.decode()
    assert "Another organisation&#39;s assessment." in intro

    # Opening this participant's link switches the browser over completely.
    start(client, token)
    assert client.session[SESSION_KEY] == participant.pk
    intro = client.get(reverse("participation:intro")).content.decode()
    assert "We want to know how we are doing." in intro
    assert "Another organisation" not in intro

    client.post(page_url(1), answers_post(participant, {"a-1": ("4", "")}))
    assert list(Response.objects.values_list("participant_id", "statement_id", "level")) == [
        (participant.pk, "a-1", 4)
    ]


def test_a_page_loaded_under_another_link_is_not_saved(client, participant, token):
    other, other_token = other_assessment()
    start(client, other_token)
    client.get(page_url(1))
    start(client, token)
    # The page drawn for the other link is sent after this link was opened.
    response = client.post(page_url(1), answers_post(other, {"a-1": ("1", "")}))
    assert response.status_code == 400
    assert "You opened another personal link in this browser" in response.content.decode()
    assert not Response.objects.exists()


def test_a_closed_link_does_not_leave_the_previous_one_open(client, assessment, token):
    _other, other_token = other_assessment()
    start(client, other_token)
    assessment.transition_to(Status.CLOSED)
    assert start(client, token).status_code == 410
    # The browser is not left in the other assessment's journey either.
    assert client.get(page_url(1)).status_code == 403
