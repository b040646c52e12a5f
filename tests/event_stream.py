"""A server-sent event stream read as a browser's EventSource reads it, for tests: the events
arrive on a thread into a queue, and the test waits for the one it expects."""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import threading
import time

import requests

WAIT = 10


class EventStream:
    """An open stream, read in a thread into a queue of (event name, data)."""

    def __init__(self, http: requests.Session, url: str):
        # A connection of its own, with the phone's cookies, as a browser's EventSource has:
        # shut down on close, it must never go back to the pool the phone's next request
        # draws from (that request then failed now and then with ResponseNotReady).
        self._http = requests.Session()
        self._http.headers.update(http.headers)
        self._http.cookies.update(http.cookies)
        self.response = self._http.get(
            url, stream=True, headers={"Accept": "text/event-stream"}, timeout=(5, 60)
        )
        self.status = self.response.status_code
        self.headers = self.response.headers
        # The socket itself, to shut it down on close: closing it while the reader thread
        # waits in recv would not send the server anything until the next keep-alive.
        self._socket = self.response.raw._fp.fp.raw._sock
        self.events: queue.Queue = queue.Queue()
        self.comments = 0
        if self.status == 200:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        name, data = "message", []
        try:
            for raw in self.response.iter_lines(chunk_size=1, decode_unicode=False):
                line = raw.decode()
                if line.startswith(":"):
                    self.comments += 1
                elif line.startswith("event: "):
                    name = line[len("event: ") :]
                elif line.startswith("data: "):
                    data.append(line[len("data: ") :])
                elif line == "" and data:
                    self.events.put((name, json.loads("\n".join(data))))
                    name, data = "message", []
        except (requests.RequestException, AttributeError, ValueError, OSError):
            pass  # closed by the test

    def next(self, name: str, timeout: float = WAIT) -> dict:
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {name!r} event within {timeout} s")
            try:
                got, data = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if got == name:
                return data

    def until(self, name: str, test, timeout: float = WAIT) -> dict:
        end = time.monotonic() + timeout
        while True:
            data = self.next(name, max(0.1, end - time.monotonic()))
            if test(data):
                return data

    def quiet(self, seconds: float) -> bool:
        """True if no event arrives for ``seconds``."""
        try:
            self.events.get(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def close(self):
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)
        self.response.close()
        self._http.close()
