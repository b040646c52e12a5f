"""The workshop's live updates reach every phone when the service runs as several processes.

Production runs several uvicorn workers under gunicorn (``selfassess/config/gunicorn.py``),
each holding its own share of a room's streams, and they share the channel layer through
Redis (``SELFASSESS_LIVE_REDIS_URL``). Here two workers serve a scratch database; phones hold
streams open to them; the change is made by a third process (as a facilitator's request on
any worker, or a management command, would make it), so it can reach the phones only through
Redis. Every phone must be sent it.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
import requests

from bench.server import Server, scratch_database
from tests.event_stream import EventStream

from .conftest import database_kinds, scratch_name, shared

PHONES = 8

SEED = """
import json
from bench.invited import invited_crowd
from selfassess.assessments.lifecycle import Status
from selfassess.workshop.models import LiveSession
assessment, _, tokens = invited_crowd("Live across workers trust", Status.CLOSED, {phones})
statement = assessment.framework.statements()[0].id
session = LiveSession.objects.create(assessment=assessment, current_statement_id=statement)
print(json.dumps({{"session": session.pk, "tokens": tokens}}))
"""

CHANGE = """
import json
from selfassess.workshop import services
from selfassess.workshop.models import LiveSession
session = LiveSession.objects.get(pk={session})
round_ = services.open_vote(session, None)
services.reveal_vote(session, round_.pk)
print(json.dumps({{"round": round_.pk}}))
"""


def _shell(database, code: str) -> dict:
    output = database.run_module("selfassess.cli", "shell", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


@pytest.mark.parametrize("kind", database_kinds())
def test_a_change_made_anywhere_reaches_the_phones_on_every_worker(kind, redis_url):
    with scratch_database(kind, scratch_name("live")) as database:
        database = dataclasses.replace(database, env={**database.env, **shared(redis_url)})
        seeded = _shell(database, SEED.format(phones=PHONES))
        server = Server(database, workers=2)
        server.start()
        streams = []
        try:
            for token in seeded["tokens"]:
                http = requests.Session()
                joined = http.get(
                    f"{server.base_url}/workshop/take-part/{token}/",
                    allow_redirects=False,
                    timeout=10,
                )
                assert joined.status_code == 302
                for cookie in http.cookies:  # production's cookies are Secure; this is loopback
                    cookie.secure = False
                stream = EventStream(http, f"{server.base_url}/workshop/vote/stream/")
                assert stream.status == 200
                assert stream.next("state")["state"] == "none"
                streams.append(stream)

            changed = _shell(database, CHANGE.format(session=seeded["session"]))

            for stream in streams:
                # The two changes come close together: a phone may be sent both, or only
                # the state after the second; it must end on the revealed round.
                revealed = stream.until("state", lambda state: state["state"] == "revealed")
                assert revealed["round"] == changed["round"]
        finally:
            for stream in streams:
                stream.close()
            server.stop()
