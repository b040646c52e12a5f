"""The service under uvicorn, for tests of its live streams: a pytest plugin loaded by the root
conftest (fixture `asgi_server`).

pytest-django's `live_server` is a threaded WSGI server, which cannot hold a server-sent event
stream open; this one is the ASGI server `make run` and production use, in a thread of the
test process, on the test database (so tests using it need `transactional_db`). Its channel
layer is the in-memory one, fresh for each server, as in a single-process deployment.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import pytest


@dataclass
class AsgiServer:
    url: str
    server: object
    thread: threading.Thread


def _fresh_channel_layer():
    """Forget the layer (and its queues, which belong to the last server's event loop)."""
    from channels.layers import channel_layers

    from selfassess.workshop import live

    channel_layers.backends.clear()
    live.serving_in(None)


@pytest.fixture
def asgi_server(transactional_db):
    import uvicorn

    from selfassess.config.asgi import application  # production's, with its log filter

    _fresh_channel_layer()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        application,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield AsgiServer(url=f"http://127.0.0.1:{port}", server=server, thread=thread)
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
    _fresh_channel_layer()
