"""Sessions end after a spell of inactivity, and after a fixed time however active.

Django's own expiry is one sliding age; on its own it either signs a busy person out in the
middle of a workshop or lets an abandoned browser stay signed in for hours. So this keeps two
times in the session: when it started and when it was last used. Past either limit the
session is emptied (signing a user out, or forgetting a participant's link, whose answers are
all saved) and the request goes on as a stranger's, which sends it to sign in.

"Last used" is written at most once a minute, so a burst of requests (a workshop vote) does
not rewrite the session on every one.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

STARTED_KEY = "_session_started"
SEEN_KEY = "_session_seen"
TOUCH_EVERY_SECONDS = 60


def _now():
    return int(time.time())


def _expired(session, now):
    started, seen = session.get(STARTED_KEY), session.get(SEEN_KEY)
    if started is None or seen is None:
        return None
    if now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
        return "absolute"
    if now - seen > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


def _end(request, reason):
    signed_in = request.user.is_authenticated
    if signed_in:
        logout(request)
    else:
        request.session.flush()
    if signed_in:
        minutes = settings.SESSION_IDLE_TIMEOUT // 60
        hours = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
        messages.info(
            request,
            f"You were signed out because the service was not used for {minutes} minutes."
            if reason == "idle"
            else f"You were signed out because you had been signed in for {hours} hours.",
        )


class SessionExpiryMiddleware:
    """After the session, authentication and messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = _now()
        session = request.session
        if not session.is_empty() and (reason := _expired(session, now)):
            _end(request, reason)
        response = self.get_response(request)
        if not session.is_empty() and session.keys() - {STARTED_KEY, SEEN_KEY}:
            if session.get(STARTED_KEY) is None:
                session[STARTED_KEY] = now
            if now - session.get(SEEN_KEY, 0) >= TOUCH_EVERY_SECONDS:
                session[SEEN_KEY] = now
        return response


@receiver(user_logged_in)
def _start_timing_at_sign_in(sender, request, user, **kwargs):
    """Signing in starts the absolute limit afresh, even if the browser had a session."""
    now = _now()
    request.session[STARTED_KEY] = now
    request.session[SEEN_KEY] = now
