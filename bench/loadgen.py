"""A bounded load generator for loopback: threads, ``http.client``, nothing to install.

Bounded on purpose: it refuses any host but loopback, runs at most ``concurrency`` jobs at
once, starts at most ``len(jobs)`` jobs, starts none after ``time_limit`` seconds and gives
every request a socket timeout, so a benchmark can never turn into an attack on anything or
run for ever.

A *job* is one simulated person: a function given a ``Client`` that makes that person's
requests in order (open a link, post a page, ...). The client keeps one keep-alive
connection and the person's cookies, and times every request. A job fails when it raises;
``Client.request`` raises ``LoadError`` on an unexpected status or a network error::

    from bench.loadgen import run

    def vote(client):
        client.request("GET", "/workshop/join/")                 # expects 200
        page = client.request("POST", "/vote/", {"level": "3"}, expect=(302,))
        page.location                                              # the redirect target

    result = run([vote] * 300, base_url="http://127.0.0.1:8000", concurrency=50,
                 time_limit=60)
    result.p50_ms, result.p95_ms, result.requests_per_s, result.errors

``run(jobs, base_url, concurrency, time_limit, interval=0.0, timeout=30)``:

* ``interval``: pace the starts, job ``i`` not before ``i * interval`` seconds (arrivals
  spread over a window); 0 starts them as fast as the concurrency allows.
* returns a ``Result``: ``jobs`` (started), ``done``, ``failed``, ``not_started`` (left
  when the time limit came), ``requests``, ``errors`` (the first 20 messages), ``elapsed_s``,
  ``latencies`` (seconds, every request), ``requests_per_s``, ``jobs_per_s``, ``p50_ms``,
  ``p95_ms``, ``max_ms``, and ``latencies_by_label`` when requests pass ``label=``.

Percentiles use the nearest-rank method on every latency recorded (no sampling).
"""

from __future__ import annotations

import http.client
import math
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_ERRORS_KEPT = 20
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoadError(Exception):
    """A request answered with an unexpected status, or failed on the network."""


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` at or below."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def csrf_token(self) -> str:
        """The form's CSRF token, as the page gives it to a browser."""
        match = CSRF_FIELD.search(self.body)
        if match is None:
            raise LoadError("the page has no CSRF token")
        return match.group(1).decode()


@dataclass
class _Recorder:
    latencies: list[float] = field(default_factory=list)
    by_label: dict[str, list[float]] = field(default_factory=dict)
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, label: str | None) -> None:
        with self.lock:
            self.requests += 1
            self.latencies.append(seconds)
            if label:
                self.by_label.setdefault(label, []).append(seconds)


class Client:
    """One simulated person: a keep-alive connection, cookies, and timed requests."""

    def __init__(self, host: str, port: int, recorder: _Recorder, timeout: float):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self._recorder = recorder
        self._connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        fields: dict[str, str] | list[tuple[str, str]] | None = None,
        expect: Iterable[int] = (200,),
        label: str | None = None,
    ) -> Reply:
        """Send one request (form-encoded ``fields`` for a POST) and time it."""
        body = urlencode(fields).encode() if fields is not None else None
        headers = {"Host": f"{self.host}:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            reply = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise LoadError(f"{method} {path}: {type(error).__name__}: {error}") from error
        self._recorder.add(time.perf_counter() - started, label)
        self._keep_cookies(reply)
        if reply.status not in tuple(expect):
            raise LoadError(f"{method} {path} answered {reply.status}, not {tuple(expect)}")
        return reply

    def _send(self, method, path, body, headers) -> Reply:
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            try:
                self._connection.request(method, path, body=body, headers=headers)
                response = self._connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection before this request was
                # read, so it was never processed: one retry on a new connection is safe.
                self.close()
                if attempt == 2:
                    raise
                continue
            cookies = response.headers.get_all("Set-Cookie") or []
            reply = Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
            reply.headers["set-cookie-list"] = cookies  # type: ignore[assignment]
            if response.will_close:
                self.close()
            return reply
        raise AssertionError("unreachable")

    def _keep_cookies(self, reply: Reply) -> None:
        for cookie in reply.headers.get("set-cookie-list", []):
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower() or not value or value == '""':
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


@dataclass
class Result:
    jobs: int
    done: int
    failed: int
    not_started: int
    requests: int
    errors: list[str]
    elapsed_s: float
    latencies: list[float]
    latencies_by_label: dict[str, list[float]]

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.elapsed_s if self.elapsed_s else 0.0

    @property
    def jobs_per_s(self) -> float:
        return self.done / self.elapsed_s if self.elapsed_s else 0.0

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies, 0.50) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies, 0.95) * 1000

    @property
    def max_ms(self) -> float:
        return max(self.latencies, default=float("nan")) * 1000


def _loopback(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise ValueError(f"the load generator only talks to http on loopback, not {base_url}")
    return parts.hostname, parts.port or 80


def run(
    jobs: Iterable[Callable[[Client], object]],
    base_url: str,
    concurrency: int,
    time_limit: float,
    interval: float = 0.0,
    timeout: float = 30.0,
) -> Result:
    """Run the jobs against ``base_url`` within the bounds given; see the module docstring."""
    host, port = _loopback(base_url)
    jobs = list(jobs)
    if concurrency < 1 or time_limit <= 0 or interval < 0:
        raise ValueError("concurrency must be at least 1, time_limit above 0, interval 0 or more")
    recorder = _Recorder()
    errors: list[str] = []
    counts = {"started": 0, "done": 0, "failed": 0}
    lock = threading.Lock()
    started_at = time.perf_counter()
    deadline = started_at + time_limit

    def one(index: int, job) -> None:
        wait = started_at + index * interval - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        if time.perf_counter() >= deadline:
            return
        with lock:
            counts["started"] += 1
        client = Client(host, port, recorder, timeout)
        try:
            job(client)
        except Exception as error:  # a failed job is a figure, not a crash of the run
            with lock:
                counts["failed"] += 1
                if len(errors) < MAX_ERRORS_KEPT:
                    errors.append(f"{type(error).__name__}: {error}")
        else:
            with lock:
                counts["done"] += 1
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="load") as pool:
        for future in [pool.submit(one, index, job) for index, job in enumerate(jobs)]:
            future.result()
    elapsed = time.perf_counter() - started_at
    return Result(
        jobs=counts["started"],
        done=counts["done"],
        failed=counts["failed"],
        not_started=len(jobs) - counts["started"],
        requests=recorder.requests,
        errors=errors,
        elapsed_s=elapsed,
        latencies=recorder.latencies,
        latencies_by_label=recorder.by_label,
    )


def floor_job(client: Client) -> None:
    """One POST to the benchmark floor endpoint (``selfassess.operations.views.floor``)."""
    client.request("POST", "/operations/bench-floor/", {}, expect=(201,), label="floor")


def measure_floor(base_url: str, count: int = 500, concurrency: int = 8) -> Result:
    """The floor for a run: ``count`` minimal inserts through the same server."""
    return run([floor_job] * count, base_url, concurrency=concurrency, time_limit=120)
