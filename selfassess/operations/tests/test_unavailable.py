"""The database going away: a 503 "try again shortly" page, then recovery by itself."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """A client that returns what a visitor would get, instead of re-raising the error
    Django reports while turning it into a response."""
    return Client(raise_request_exception=False)


@pytest.fixture
def link():
    assessment = AssessmentFactory(status=Status.OPEN)
    _, token = Participant.invite(assessment, ParticipantGroupFactory(assessment=assessment))
    return reverse("participation:start", args=[token])


def database_down(error=OperationalError):
    """Every new cursor fails, as it does when the server has gone or the network has."""
    return mock.patch.object(
        BaseDatabaseWrapper, "_cursor", side_effect=error("connection refused")
    )


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "<h1>Sorry, the service is unavailable</h1>" in page
    assert "Try again shortly." in page
    assert 'class="nhsuk-header' in page and 'class="nhsuk-footer' in page
    for leak in ("Traceback", "OperationalError", "InterfaceError", "connection refused"):
        assert leak not in page


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_participant_sees_try_again_shortly_then_carries_on(visitor, link, error):
    with database_down(error):
        assert_unavailable_page(visitor.get(link))
    assert visitor.get(link).status_code == 302  # the database is back: the link works


def test_a_signed_in_user_sees_the_page_without_their_session_being_read(visitor, member_of):
    from selfassess.organisations.tests.factories import OrganisationFactory

    visitor.force_login(member_of(OrganisationFactory()))
    with database_down():
        assert_unavailable_page(visitor.get(reverse("core:home")))
    assert visitor.get(reverse("core:home")).status_code == 200


def test_a_form_post_that_cannot_be_stored_is_refused_not_half_done(visitor, link):
    visitor.get(link)
    page = reverse("participation:component", args=[1])
    with database_down():
        response = visitor.post(page, {"answer-a-1": "3", "action": "continue"})
    assert_unavailable_page(response)
    assert not Participant.objects.filter(responses__isnull=False).exists()


@pytest.mark.urls("selfassess.operations.tests.urls")
def test_a_failure_after_the_view_also_gets_the_page(visitor):
    """Saving the session happens in middleware, after the view; it is covered too."""
    failing = mock.patch.object(SessionStore, "save", side_effect=OperationalError("gone"))
    with failing:
        assert_unavailable_page(visitor.get("/test-touch-session/"))
    assert visitor.get("/test-touch-session/").status_code == 200


def test_other_errors_are_left_to_the_usual_error_page(visitor, link):
    with mock.patch.object(BaseDatabaseWrapper, "_cursor", side_effect=RuntimeError("bug")):
        response = visitor.get(link)
    assert response.status_code == 500
