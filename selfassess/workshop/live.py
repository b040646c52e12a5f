"""The one door for the workshop's live updates: say that something changed, and to whom.

Every change to a live session (start, end, a statement shown, a vote opened, paused, timed,
closed or revealed, a screen switch) calls ``announce_change`` once its transaction has
committed; a stored vote calls ``announce_vote``. They send a small message, with no content
at all, through Django Channels' channel layer (``settings.CHANNEL_LAYERS``) to the
assessment's groups. The open streams (``stream``) then read the new state from the database
themselves, one read per process for a whole room of phones. So nothing personal travels
through the layer (or Redis), and a message lost or late costs only a moment: a stream
always sends the state as the database has it.

Two groups per assessment, because phones and presenters want different things: the room
(phones and presenters) hears of changes to what is on screen; the presenters also hear each
vote, so the count can go up, which a room of phones has no need to be told a thousand times.

Publishing never fails the change it announces: if the layer cannot be reached (Redis down),
the failure is logged, and phones catch up when they reconnect or fall back to polling.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

CHANGED = "workshop.changed"
VOTED = "workshop.voted"

_loop: asyncio.AbstractEventLoop | None = None


def room_group(assessment_id: int) -> str:
    return f"workshop-{assessment_id}-room"


def presenters_group(assessment_id: int) -> str:
    return f"workshop-{assessment_id}-presenters"


def serving_in(loop: asyncio.AbstractEventLoop | None) -> None:
    """Called by a stream as it starts: the event loop where this process's streams listen.

    The in-memory layer's queues belong to that loop, so a change made in a worker thread (a
    facilitator's request) or on another thread altogether is handed to it there."""
    global _loop
    _loop = loop


def announce_change(assessment_id: int) -> None:
    """Tell the room that what it shows has changed, once the current transaction commits."""
    message = {"type": CHANGED, "version": uuid.uuid4().hex}
    transaction.on_commit(lambda: _send(room_group(assessment_id), message))


def announce_vote(assessment_id: int) -> None:
    """Tell the presenters that a vote was stored (their count may go up)."""
    message = {"type": VOTED}
    transaction.on_commit(lambda: _send(presenters_group(assessment_id), message))


def _send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    loop = _loop
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if loop is not None and not loop.is_closed() and running is not loop:
        # From a worker thread: hand it to the streams' loop and do not wait for it.
        future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
        future.add_done_callback(_log_failure)
        return
    if running is not None:
        task = running.create_task(layer.group_send(group, message))
        task.add_done_callback(_log_failure)
        return
    if loop is None and _is_in_memory(layer):
        return  # no stream has started in this process, so nobody here is listening
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:
        logger.exception("Could not announce a workshop change to %s", group)


def _is_in_memory(layer) -> bool:
    return type(layer).__name__ == "InMemoryChannelLayer"


def _log_failure(future) -> None:
    if future.cancelled():
        return
    error = future.exception()
    if error is not None:
        logger.error("Could not announce a workshop change", exc_info=error)
