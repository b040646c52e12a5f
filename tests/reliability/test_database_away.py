"""The database going away while the server runs: "try again shortly", then recovery.

The server reaches PostgreSQL through a relay that the test cuts and restores, which is what
a database restart or a network failure looks like from the app: open connections drop and
new ones are refused. The server is never restarted.
"""

import dataclasses
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from bench.server import Server, _with_database, scratch_database

from .conftest import ON_POSTGRES, scratch_name
from .helpers import seed
from .proxy import Relay

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="PostgreSQL runs when DATABASE_URL is a PostgreSQL URL"
)


def fetch(url):
    """(status, body, headers) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=20) as reply:
            return reply.status, reply.read().decode(), reply.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def test_unavailable_page_while_the_database_is_away_then_recovery():
    with scratch_database("postgres", name=scratch_name("away")) as database:
        plan = seed(database, 3)
        direct = urlsplit(database.url)
        relay = Relay(direct.hostname, direct.port or 5432).restore()
        relayed_url = _with_database(
            database.url.replace(f":{direct.port}/", f":{relay.port}/"), direct.path[1:]
        )
        assert f":{relay.port}/" in relayed_url
        env = {**database.env, "DATABASE_URL": relayed_url}
        server = Server(dataclasses.replace(database, env=env), workers=1).start()
        try:
            links = [f"{server.base_url}/take-part/{token}/" for _, token in plan.participants]
            assert fetch(links[0])[0] == 302

            relay.cut()
            for link in links:
                status, body, headers = fetch(link)
                assert status == 503
                assert headers["Retry-After"] == "30"
                assert "Sorry, the service is unavailable" in body
                assert "Try again shortly." in body
                assert "Traceback" not in body and "OperationalError" not in body

            relay.restore()
            deadline = time.monotonic() + 10
            statuses = []
            while time.monotonic() < deadline:
                statuses = [fetch(link)[0] for link in links * 3]
                if set(statuses) == {302}:
                    break
                time.sleep(0.2)
            assert set(statuses) == {302}, f"the app did not recover: {statuses}"
            assert server.process.poll() is None  # it recovered by itself, not by a restart
        finally:
            server.stop()
            relay.cut()
