"""Sessions end after an hour unused and after eight hours however busy."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from selfassess.core import session_expiry

from .world import FACILITATOR

START = 1_800_000_000


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand: clock.now is the session middleware's time."""

    class Clock:
        now = START

        def advance(self, minutes):
            self.now += minutes * 60

    clock = Clock()
    monkeypatch.setattr(session_expiry, "_now", lambda: clock.now)
    return clock


@pytest.fixture
def facilitator(world, clock):
    client = world.client_for(FACILITATOR)
    client.get(reverse("core:home"))  # the first request stamps the session
    return client


def overview(world):
    return reverse("assessments:overview", args=[world.home.assessment.pk])


def test_the_limits_are_an_hour_idle_and_eight_hours_in_all():
    assert settings.SESSION_IDLE_TIMEOUT == 60 * 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_session_used_within_the_hour_carries_on(world, facilitator, clock):
    clock.advance(59)
    assert facilitator.get(overview(world)).status_code == 200


def test_an_hour_unused_signs_the_person_out_and_says_why(world, facilitator, clock):
    clock.advance(61)
    response = facilitator.get(overview(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:signed_out"))
    page = facilitator.get(response["Location"]).content.decode()
    assert "had not used the service for 60 minutes" in page
    # Signed out for good: coming back a minute later does not revive the session.
    clock.advance(1)
    assert facilitator.get(overview(world)).status_code == 302


def test_the_signed_out_page_signs_the_person_in_again_in_one_step(world, facilitator, clock):
    """One button emails a new link to the address they used, and the link brings them back
    to the page they were on."""
    clock.advance(61)
    where = facilitator.get(overview(world))["Location"]
    page = facilitator.get(where).content.decode()
    email = world.home.members[FACILITATOR].user.email
    assert f"Email a new sign-in link to {email}" in page
    response = facilitator.post(reverse("accounts:request_link"), {"email": email})
    assert response["Location"] == reverse("accounts:check_email")
    assert [m.to for m in mail.outbox] == [[email]]
    link = re.search(r"http://testserver(/sign-in/link/\S+/)", mail.outbox[0].body).group(1)
    assert facilitator.post(link).wsgi_request.user.email == email


def stay_signed_in(client, user):
    from selfassess.accounts.tokens import sign_in_path

    return client.post(sign_in_path(user), {"stay_signed_in": "on"})


def test_staying_signed_in_for_the_working_day_outlasts_a_long_break(world, clock):
    from django.test import Client

    client = Client()
    user = world.home.members[FACILITATOR].user
    response = stay_signed_in(client, user)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_ABSOLUTE_TIMEOUT  # survives the browser closing
    clock.advance(3 * 60)  # a three-hour board meeting
    assert client.get(overview(world)).status_code == 200
    clock.advance(5 * 60 + 1)  # the working day is over
    assert client.get(overview(world)).status_code == 302


def test_without_the_choice_the_cookie_ends_with_the_browser(world, clock):
    from django.test import Client

    from selfassess.accounts.tokens import sign_in_path

    client = Client()
    response = client.post(sign_in_path(world.home.members[FACILITATOR].user))
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""


def test_eight_hours_after_sign_in_even_a_busy_session_ends(world, facilitator, clock):
    for _ in range(16):  # a request every 30 minutes for 8 hours
        clock.advance(30)
        assert facilitator.get(overview(world)).status_code == 200
    clock.advance(1)
    response = facilitator.get(overview(world))
    assert response.status_code == 302
    assert "signed in for 8 hours" in facilitator.get(response["Location"]).content.decode()


def test_signing_in_again_starts_the_eight_hours_afresh(world, clock):
    client = world.client_for(FACILITATOR)
    client.get(reverse("core:home"))
    clock.advance(7 * 60 + 50)
    client.get(reverse("core:home"))
    client.force_login(world.home.members[FACILITATOR].user)  # signs in again: a new session
    clock.advance(30)
    assert client.get(overview(world)).status_code == 200


def test_a_participant_left_idle_must_open_their_link_again(world, clock):
    client = world.client_for("participant")
    intro = reverse("participation:intro")
    assert client.get(intro).status_code == 200
    clock.advance(61)
    response = client.get(intro)
    assert response.status_code == 403
    assert "Open your personal link" in response.content.decode()


def test_a_stranger_with_no_session_is_not_given_one(client, db):
    client.get(reverse("core:about"))
    assert settings.SESSION_COOKIE_NAME not in client.cookies
