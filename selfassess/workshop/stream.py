"""The live workshop's server-sent event streams: one open connection per phone, shared screen
and control page, down which the server sends each change as it happens.

Why this shape: a room of a thousand phones polling every second and a half kept the server
busy answering "nothing changed"; a stream costs nothing while nothing changes (a comment line
every 20 seconds keeps proxies from closing it). Changes arrive through Django Channels'
channel layer (``live``) as bare notices; the state itself is read from the database.

* A phone's stream sends ``event: state`` with the room's state (``phone.room_state``): at
  once on connecting, with the phone's own vote, and then whenever it changes. The state is
  read and rendered once per change per process, however many phones are connected, and the
  read runs off the event loop. A countdown that ends is a change nobody makes, so each
  stream wakes at the deadline and asks for the state again (once per process too).
* The shared screen's and control page's streams send ``event: update`` with their own
  region rendered for the connection (the control page's forms carry its CSRF token). Votes
  make their count go up at most once a second.

A phone that loses its connection reconnects (the browser's EventSource does it by itself)
and gets the current state first, so it can never miss a change; a vote is an upsert, so a
vote resent after a dropped connection counts once. Every page also works without the stream:
``live.js`` polls where a network will not hold one open, and without JavaScript each page
has its Refresh link.

Database connections: a stream's request keeps its thread for as long as it is open, so the
stream closes that thread's connection as soon as it has read what it needs; otherwise a room
would hold one database connection per phone.
"""

from __future__ import annotations

import asyncio
import json
import time

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.contrib.auth.decorators import login_required
from django.db import connections
from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from selfassess.assessments.views import assessment_requiring

from . import attendance, live, phone, services

KEEPALIVE_SECONDS = 20
PRESENTER_VOTES_EVERY_SECONDS = 1.0
DEADLINE_GRACE_SECONDS = 0.05
# Tell the browser how soon to reconnect after a drop (EventSource's own retry).
RETRY_MILLISECONDS = 2000


def event(name: str, payload: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(payload, separators=(',', ':'))}\n\n".encode()


def _close_connections() -> None:
    """Give back this thread's database connections (see the module's docstring).

    A connection inside a transaction is left alone: it is not this stream's to close (a
    test's transaction, or a caller that wrapped the request in one)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def _stream(events) -> StreamingHttpResponse:
    response = StreamingHttpResponse(events, content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on as it is written
    return response


class RoomStates:
    """This process's reads of each room's state: one read per change, whoever asks.

    Every phone told of a change asks with the change's version; the first starts the read,
    the rest wait for it. The read is shielded, so a phone that disconnects while waiting
    does not cancel it for the others."""

    def __init__(self):
        self._reads: dict[int, tuple[str, asyncio.Future]] = {}

    async def get(self, assessment_id: int, version: str) -> dict:
        entry = self._reads.get(assessment_id)
        if entry is None or entry[0] != version or entry[1].cancelled():
            read = asyncio.ensure_future(_read_room(assessment_id))
            entry = (version, read)
            self._reads[assessment_id] = entry
        return await asyncio.shield(entry[1])


def _read_room_sync(assessment_id: int) -> dict:
    try:
        return phone.room_state(assessment_id)
    finally:
        _close_connections()


_read_room = sync_to_async(_read_room_sync, thread_sensitive=False)
rooms = RoomStates()


def _phone_on_connect(participant) -> dict:
    try:
        state = phone.room_state(participant.assessment_id)
        return {**state, "own": phone.own_vote(participant, state["round"])}
    finally:
        _close_connections()


def _participant(request):
    try:
        return attendance.workshop_participant(request)
    finally:
        _close_connections()


def _seconds_until(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    return max(0.0, deadline - time.time()) + DEADLINE_GRACE_SECONDS


class Notices:
    """One stream's notices from the channel layer, waited for without ever losing one.

    ``asyncio.wait_for`` cancels the receive when its time runs out, and on Python 3.11 a
    notice that arrives in that same moment is dropped with it: in the 1,000-phone room
    benchmark three phones never heard that a vote had opened, their keep-alive timers having
    fired as it arrived. So the receive stays pending from one wait to the next, and is only
    cancelled when the stream ends."""

    def __init__(self, layer, channel):
        self.layer, self.channel = layer, channel
        self._pending: asyncio.Future | None = None

    async def next(self, timeout: float):
        """The next notice, or None when ``timeout`` passes first (it is kept for later)."""
        if self._pending is None:
            self._pending = asyncio.ensure_future(self.layer.receive(self.channel))
        done, _ = await asyncio.wait({self._pending}, timeout=timeout)
        if not done:
            return None
        received, self._pending = self._pending, None
        return received.result()

    def close(self) -> None:
        if self._pending is not None:
            self._pending.cancel()


@require_GET
async def phone_stream(request):
    participant = await sync_to_async(_participant)(request)
    if participant is None:
        return JsonResponse({"key": "none"}, status=403)
    live.serving_in(asyncio.get_running_loop())
    return _stream(_phone_events(participant))


async def _phone_events(participant):
    await sync_to_async(_close_connections)()  # what the middleware opened in this thread
    assessment_id = participant.assessment_id
    layer = get_channel_layer()
    channel = await layer.new_channel()
    group = live.room_group(assessment_id)
    await layer.group_add(group, channel)
    notices = Notices(layer, channel)
    try:
        state = await sync_to_async(_phone_on_connect, thread_sensitive=False)(participant)
        sent = state["key"]
        yield f"retry: {RETRY_MILLISECONDS}\n".encode() + event("state", state)
        while True:
            wait = _seconds_until(state["deadline"])
            timeout = KEEPALIVE_SECONDS if wait is None else min(wait, KEEPALIVE_SECONDS)
            message = await notices.next(timeout)
            if message is None and wait is not None and wait <= timeout:
                version = f"deadline-{state['round']}-{state['deadline']}"
            elif message is None:
                yield b": keep-alive\n\n"
                continue
            elif message.get("type") == live.CHANGED:
                version = message["version"]
            else:
                continue
            state = await rooms.get(assessment_id, version)
            if state["key"] != sent:
                sent = state["key"]
                yield event("state", {**state, "own": None})
    finally:
        notices.close()
        await layer.group_discard(group, channel)


# -- the shared screen and the control page --------------------------------------------------


def _screen_update(request, assessment) -> dict:
    from .facilitator_views import join_address, screen_context

    context = screen_context(assessment, services.live_session(assessment))
    context["join_url"] = join_address(request, assessment)
    html = render_to_string("workshop/_screen_live.jinja", context, request)
    return {"key": context["key"], "html": html, "deadline": _deadline(context)}


def _control_update(request, assessment) -> dict:
    from .facilitator_views import presenter_context

    session = services.live_session(assessment)
    if session is None:
        return {"key": "ended", "html": "", "deadline": None}
    context = presenter_context(assessment, session)
    html = render_to_string("workshop/_vote_status.jinja", context, request)
    return {"key": context["key"], "html": html, "deadline": _deadline(context)}


def _deadline(context) -> float | None:
    vote = context.get("vote")
    deadline = vote.deadline if vote is not None else None
    return deadline.timestamp() if deadline else None


PRESENTER_VIEWS = {"screen": _screen_update, "control": _control_update}


def _presenter_update(request, assessment, view) -> dict:
    try:
        return PRESENTER_VIEWS[view](request, assessment)
    finally:
        _close_connections()


def _presenter_assessment(request, pk):
    try:
        return assessment_requiring(request.user, pk)
    finally:
        _close_connections()


@require_GET
@login_required
async def presenter_stream(request, pk):
    assessment = await sync_to_async(_presenter_assessment)(request, pk)
    view = request.GET.get("view", "")
    if view not in PRESENTER_VIEWS:
        return HttpResponseBadRequest("Ask for the screen or the control view.")
    live.serving_in(asyncio.get_running_loop())
    return _stream(_presenter_events(request, assessment, view))


async def _presenter_events(request, assessment, view):
    await sync_to_async(_close_connections)()
    layer = get_channel_layer()
    channel = await layer.new_channel()
    groups = [live.room_group(assessment.pk), live.presenters_group(assessment.pk)]
    for group in groups:
        await layer.group_add(group, channel)
    update = sync_to_async(_presenter_update)
    notices = Notices(layer, channel)
    try:
        state = await update(request, assessment, view)
        sent, rendered_at, due = state["key"], time.monotonic(), None
        yield f"retry: {RETRY_MILLISECONDS}\n".encode() + event("update", state)
        while True:
            waits = [KEEPALIVE_SECONDS]
            until_deadline = _seconds_until(state["deadline"])
            if until_deadline is not None:
                waits.append(until_deadline)
            if due is not None:
                waits.append(max(0.0, due - time.monotonic()))
            message = await notices.next(min(waits))
            now = time.monotonic()
            if message is not None and message.get("type") == live.VOTED:
                due = due or max(now, rendered_at + PRESENTER_VOTES_EVERY_SECONDS)
                continue
            changed = message is not None and message.get("type") == live.CHANGED
            timed = until_deadline is not None and message is None and until_deadline <= min(waits)
            if not (changed or timed or (due is not None and now >= due)):
                if message is None:
                    yield b": keep-alive\n\n"
                continue
            state, rendered_at, due = await update(request, assessment, view), now, None
            if state["key"] != sent:
                sent = state["key"]
                yield event("update", state)
    finally:
        notices.close()
        for group in groups:
            await layer.group_discard(group, channel)
