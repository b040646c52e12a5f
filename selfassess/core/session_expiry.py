"""Sessions end after a spell of inactivity, and after a working day however active.

Django's own expiry is one sliding age; on its own it either signs a busy person out in the
middle of a workshop or lets an abandoned browser stay signed in for hours. So this keeps two
times in the session: when it started and when it was last used. Past either limit the
session is emptied (signing a user out, or forgetting a participant's link, whose answers are
all saved).

Someone who ticked "stay signed in for the working day" when signing in has no idle limit
and a cookie that outlives the browser, still ending SESSION_ABSOLUTE_TIMEOUT after sign-in:
for a board member who signs in at the start of a day of meetings on their own laptop.

A signed-in person whose session ends is sent to the "you were signed out" page, which says
why and signs them in again in one step (it remembers, in the new empty session, only their
address and how they signed in). "Last used" is written at most once a minute, so a burst of
requests (a workshop vote) does not rewrite the session on every one.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

STARTED_KEY = "_session_started"
SEEN_KEY = "_session_seen"
STAY_KEY = "_session_stay"
SIGNED_OUT_KEY = "_signed_out"
TOUCH_EVERY_SECONDS = 60
TIMING_KEYS = {STARTED_KEY, SEEN_KEY, STAY_KEY}


def _now():
    return int(time.time())


def _expired(session, now):
    started, seen = session.get(STARTED_KEY), session.get(SEEN_KEY)
    if started is None or seen is None:
        return None
    if now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
        return "absolute"
    if not session.get(STAY_KEY) and now - seen > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


def choose(request, *, stay: bool) -> None:
    """Called right after signing in: the working day, or the default idle limit."""
    request.session[STAY_KEY] = bool(stay)
    if stay:
        request.session.set_expiry(settings.SESSION_ABSOLUTE_TIMEOUT)
    else:
        request.session.set_expiry(0)  # ends when the browser closes


def _end(request, reason):
    """Empty the session. For a signed-in person, remember how to sign them in again."""
    if not request.user.is_authenticated:
        request.session.flush()
        return None
    from selfassess.accounts import sso
    from selfassess.accounts.backends import sign_in_method

    remembered = {
        "reason": reason,
        "email": request.user.email,
        "method": sign_in_method(request),
        "provider": sso.provider_key(request),
    }
    logout(request)
    request.session[SIGNED_OUT_KEY] = remembered
    target = reverse("core:signed_out")
    if request.method == "GET":
        target += "?" + urlencode({"next": request.get_full_path()})
    return redirect(target)


class SessionExpiryMiddleware:
    """After the session, authentication and messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = _now()
        session = request.session
        if (
            not session.is_empty()
            and (reason := _expired(session, now))
            and (response := _end(request, reason))
        ):
            return response
        response = self.get_response(request)
        if not session.is_empty() and session.keys() - TIMING_KEYS - {SIGNED_OUT_KEY}:
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
    request.session.pop(SIGNED_OUT_KEY, None)
