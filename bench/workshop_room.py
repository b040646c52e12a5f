"""Load: a room of phones holding the live workshop's stream open while a facilitator runs
rounds of voting, through gunicorn (uvicorn workers) and PostgreSQL.

Run::

    .venv/bin/python -m bench.workshop_room --phones 300            # PostgreSQL, 3 workers
    .venv/bin/python -m bench.workshop_room --phones 1000
    .venv/bin/python -m bench.workshop_room --phones 10 --rounds 1 --idle 2 --db sqlite --workers 1

It prints one line on stdout::

    workshop_room db=postgres workers=3 phones=1000 rounds=3 connected=1000 push_p50_ms=..
    push_p95_ms=.. push_max_ms=.. vote_p50_ms=.. vote_p95_ms=.. acknowledged=.. stored=..
    errors=0 idle_cpu_pct=.. polling_cpu_pct=.. loadgen_cpu_pct=.. floor_p95_ms=.. vote_ratio=..

and ``#`` detail lines on stderr (each phase's timings, per action, CPU, loop lag, errors).

What happens: a scratch database (``bench.server.scratch_database``) gets a closed assessment
on the NHS IMPACT framework with ``--phones`` invited participants and a live session on the
first statement, and a facilitator (a member with the facilitator role and a confirmed
authenticator) signed in through a database session made in that database's own process:
the same session keys a password sign-in followed by the two-factor code leaves, so every
request of theirs passes the two-factor middleware. Then, from ONE asyncio process (aiohttp,
so one process can hold every phone's open stream at once):

1. Every phone opens its personal workshop link, loads the vote page (its CSRF token) and
   opens the stream (``GET /workshop/vote/stream/``); it counts as connected when the first
   ``state`` event arrives.
2. Idle: nothing changes for ``--idle`` seconds while every stream is open; the server's CPU
   is measured over that window.
3. ``--rounds`` times: the facilitator opens the vote (a real POST to the server), every phone
   votes once in place (the phone script's JSON POST) at a random moment within ``--spread``
   seconds of seeing the vote open, then the facilitator closes it, reveals it and shows the
   next statement. For each of the four actions, every phone's stream must deliver the new
   state within ``--wait`` seconds.
4. The streams are closed and the same phones poll ``/workshop/vote/live/`` as ``live.js``
   does where a stream cannot be held (the next poll 1.5 s after each answer) for another
   ``--idle`` seconds, with the server's CPU measured the same way.
5. The floor (``bench.loadgen.measure_floor``: a POST inserting one row) on the same server.
6. The votes stored per round are counted by the database's own process.

The figures:

* ``connected``: phones whose stream sent its first event (anything less is an error).
* ``push_p50_ms`` / ``push_p95_ms`` / ``push_max_ms``: from the start of a facilitator's POST
  to a phone's stream delivering the state that POST made, over every phone and every action
  (open, close, reveal, show the next statement) of every round; nearest rank.
* ``vote_p50_ms`` / ``vote_p95_ms``: every vote POST's latency.
* ``acknowledged``: vote POSTs answered ``{"counted": true}``; ``stored``: the votes the
  database holds for those rounds afterwards. The run fails unless they are equal, every phone
  connected and ``errors`` is 0.
* ``errors``: failed or unexpected requests, phones a change did not reach in time, streams
  the server ended, and refused votes.
* ``idle_cpu_pct``: the CPU time of the gunicorn master and all its workers over the idle
  window, as a percentage of one core (user + system, from psutil); ``polling_cpu_pct``: the
  same while the phones poll instead.
* ``loadgen_cpu_pct``: this process's own CPU time as a percentage of one core, from the first
  join to the end of polling (the busiest phase is in the detail lines, with the event loop's
  worst lag: a loop lagging by much more than the push latencies would mean the load
  generator, not the server, set them).
* ``floor_p95_ms``: the floor's p95 latency; ``vote_ratio = vote_p95_ms / floor_p95_ms``.

With more than one worker the workers share the channel layer through Redis
(``bench.server.serving``: ``SELFASSESS_BENCH_REDIS_URL``, by default database 0 of
127.0.0.1:6379); with one worker it stays in memory. The load generator runs on the same
cores as the server and the database.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from . import commands
from .invited import invited_crowd, setup_django

MODULE = "bench.workshop_room"
DEFAULT_PHONES = 300
POLL_SECONDS = 1.5  # live.js's POLL_MS
MAX_ERRORS_KEPT = 20
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The phone page hands its script the token whatever the state, as data-csrf.
PHONE_CSRF = re.compile(r'data-csrf="([^"]+)"')
LAG_TICK = 0.05


# -- in the scratch database's own process ---------------------------------------------------


def seed(phones: int, rounds: int) -> dict:
    """A live session on the first statement, ``phones`` invited people's tokens, and a
    signed-in facilitator's session key."""
    setup_django()
    from selfassess.assessments.lifecycle import Status
    from selfassess.workshop.models import LiveSession

    assessment, _people, tokens = invited_crowd("Workshop room trust", Status.CLOSED, phones)
    statements = [statement.id for statement in assessment.framework.statements()]
    if len(statements) < rounds + 1:
        raise SystemExit(f"the framework has {len(statements)} statements, too few for {rounds}")
    user, session_key = facilitator_session(assessment.organisation)
    LiveSession.objects.create(
        assessment=assessment, started_by=user, current_statement_id=statements[0]
    )
    from django.conf import settings

    return {
        "assessment": assessment.pk,
        "statements": statements[: rounds + 1],
        "tokens": tokens,
        "levels": [str(value) for value in assessment.framework.scale.values],
        "facilitator_cookie": {settings.SESSION_COOKIE_NAME: session_key},
    }


def facilitator_session(organisation):
    """A facilitator signed in with a password and their authenticator's code, without the
    sign-in pages: the session keys ``django.contrib.auth.login``, the two-factor rule
    (``accounts.two_factor``), django-otp and ``core.session_expiry`` leave behind."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from selfassess.accounts.backends import PASSWORD_BACKEND
    from selfassess.accounts.models import User
    from selfassess.accounts.two_factor import NEEDED_KEY, second_factor_needed
    from selfassess.core.session_expiry import SEEN_KEY, STARTED_KEY
    from selfassess.organisations.models import Membership, Role

    user = User.objects.create_user(f"facilitator-{organisation.pk}@bench.invalid")
    Membership.objects.create(organisation=organisation, user=user, role=Role.FACILITATOR)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    now = int(time.time())
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = PASSWORD_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[NEEDED_KEY] = second_factor_needed(user, "password")
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[STARTED_KEY] = now
    session[SEEN_KEY] = now
    session.create()
    return user, session.session_key


def count(assessment_pk: int) -> dict:
    """The votes stored in each round of the assessment's live session."""
    setup_django()
    from django.db.models import Count

    from selfassess.workshop.models import VoteRound

    rounds = VoteRound.objects.filter(session__assessment_id=assessment_pk).annotate(
        stored=Count("votes")
    )
    return {str(round_.pk): round_.stored for round_ in rounds}


# -- the load generator ----------------------------------------------------------------------


@dataclass
class Errors:
    count: int = 0
    kept: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_ERRORS_KEPT:
            self.kept.append(message)


class Waiting:
    """One facilitator action being waited for: which phones have yet to see its state."""

    def __init__(self, label: str, wanted, phones):
        self.label = label
        self.wanted = wanted  # state payload -> bool
        self.pending = {phone.index for phone in phones}
        self.started: float | None = None
        self.latencies: list[float] = []
        self.rounds: set = set()
        self.done = asyncio.Event()
        if not self.pending:
            self.done.set()

    def saw(self, phone, at: float, state: dict) -> None:
        if phone.index in self.pending and self.wanted(state):
            self.pending.discard(phone.index)
            # started is set just before the POST is sent, so it is never None here.
            self.latencies.append(at - self.started)
            self.rounds.add(state.get("round"))
            if not self.pending:
                self.done.set()


@dataclass
class Phone:
    index: int
    token: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    state: dict | None = None
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    response: object = None
    closing: bool = False

    def header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def keep_cookies(self, response) -> None:
        keep_cookies(self.cookies, response)


def keep_cookies(cookies: dict[str, str], response) -> None:
    """What a browser keeps of a response's cookies (the harness's plain HTTP on loopback
    carries production's Secure cookies, as the thread-based load generator does too)."""
    for raw in response.headers.getall("Set-Cookie", []):
        cookie = SimpleCookie()
        cookie.load(raw)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or not morsel.value:
                cookies.pop(name, None)
            else:
                cookies[name] = morsel.value


class Http:
    """aiohttp's session for the phones' ordinary requests, sending a request once more when it
    went down a kept-alive connection the server had closed or reset (under load a reply can
    be read after the server's keep-alive time has run out), as ``bench.loadgen``'s client
    does. Sending again is safe: a vote is an upsert, and a facilitator's action names the
    round it expects, so a repeat changes nothing. Every repeat is counted and reported."""

    def __init__(self, session):
        self.session = session
        self.repeated = 0

    def get(self, url, **options):
        return _Request(self, "GET", url, options)

    def post(self, url, **options):
        return _Request(self, "POST", url, options)


class _Request:
    def __init__(self, http: Http, method: str, url: str, options: dict):
        self.http, self.method, self.url, self.options = http, method, url, options
        self.response = None

    async def __aenter__(self):
        import aiohttp

        for attempt in (1, 2):
            try:
                self.response = await self.http.session.request(
                    self.method, self.url, **self.options
                )
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError):
                if attempt == 2:
                    raise
                self.http.repeated += 1
                continue
            return self.response
        raise AssertionError("unreachable")

    async def __aexit__(self, *exc_info):
        if self.response is not None:
            self.response.release()


class Room:
    def __init__(self, base_url: str, phones: list[Phone], errors: Errors):
        self.base_url = base_url
        self.phones = phones
        self.errors = errors
        self.waiting: Waiting | None = None
        self.http = None

    # phones

    async def join(self, phone: Phone) -> None:
        async with self.http.get(
            f"{self.base_url}/workshop/take-part/{phone.token}/", allow_redirects=False
        ) as response:
            await response.read()
            phone.keep_cookies(response)
            if response.status != 302:
                raise RuntimeError(f"join answered {response.status}")
        async with self.http.get(f"{self.base_url}/workshop/vote/", headers=phone.header()) as page:
            body = await page.text()
            phone.keep_cookies(page)
            match = PHONE_CSRF.search(body)
            if page.status != 200 or match is None:
                raise RuntimeError(f"vote page answered {page.status} without a CSRF token")
            phone.csrf = match.group(1)

    async def listen(self, phone: Phone) -> None:
        """Hold the phone's stream open and note every state event as it arrives."""
        import aiohttp

        try:
            response = await self.http.session.get(
                f"{self.base_url}/workshop/vote/stream/",
                headers={**phone.header(), "Accept": "text/event-stream"},
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None),
            )
        except (aiohttp.ClientError, OSError) as error:
            self.errors.add(f"stream: {type(error).__name__}: {error}")
            return
        phone.response = response
        if response.status != 200:
            self.errors.add(f"stream answered {response.status}")
            response.release()
            return
        name, data = "message", []
        try:
            async for raw in response.content:
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event: "):
                    name = line[len("event: ") :]
                elif line.startswith("data: "):
                    data.append(line[len("data: ") :])
                elif line == "" and data:
                    if name == "state":
                        self._state(phone, json.loads("\n".join(data)))
                    name, data = "message", []
        except (aiohttp.ClientError, OSError, asyncio.CancelledError):
            if not phone.closing:
                raise
            return
        if not phone.closing:
            self.errors.add("a stream was ended by the server")

    def _state(self, phone: Phone, state: dict) -> None:
        at = time.perf_counter()
        phone.state = state
        phone.connected.set()
        if self.waiting is not None:
            self.waiting.saw(phone, at, state)

    async def vote(self, phone: Phone, round_id, level: str, delay: float, record) -> None:
        await asyncio.sleep(delay)
        fields = {"round": str(round_id), "level": level, "csrfmiddlewaretoken": phone.csrf}
        started = time.perf_counter()
        try:
            async with self.http.post(
                f"{self.base_url}/workshop/vote/",
                data=fields,
                headers={
                    **phone.header(),
                    "Accept": "application/json",
                    "X-CSRFToken": phone.csrf,
                },
            ) as response:
                body = await response.read()
                elapsed = time.perf_counter() - started
                phone.keep_cookies(response)
        except Exception as error:  # a failed vote is a figure, not a crash of the run
            self.errors.add(f"vote: {type(error).__name__}: {error}")
            return
        record.append(elapsed)
        try:
            answer = json.loads(body)
        except ValueError:
            answer = {}
        if response.status == 200 and answer.get("counted") is True:
            return True
        self.errors.add(f"vote answered {response.status}: {body[:200]!r}")
        return False

    async def poll(self, phone: Phone, delay: float, until: float, record) -> None:
        await asyncio.sleep(delay)
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                async with self.http.get(
                    f"{self.base_url}/workshop/vote/live/",
                    headers={**phone.header(), "Accept": "application/json"},
                ) as response:
                    body = await response.read()
                    if response.status != 200 or "key" not in json.loads(body):
                        self.errors.add(f"poll answered {response.status}")
                record.append(time.perf_counter() - started)
            except Exception as error:
                self.errors.add(f"poll: {type(error).__name__}: {error}")
            await asyncio.sleep(POLL_SECONDS)


class Facilitator:
    """The facilitator's browser: their session cookie and the control page's CSRF token."""

    def __init__(self, room: Room, assessment: int, cookies: dict[str, str]):
        self.room = room
        self.control = f"/assessments/{assessment}/workshop/"
        self.cookies = dict(cookies)
        self.csrf = ""
        self.posts: dict[str, list[float]] = {}

    def header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def _keep(self, response) -> None:
        keep_cookies(self.cookies, response)

    async def load_control_page(self) -> None:
        async with self.room.http.get(
            self.room.base_url + self.control, headers=self.header(), allow_redirects=False
        ) as page:
            body = await page.text()
            self._keep(page)
            match = CSRF_FIELD.search(body)
            if page.status != 200 or match is None:
                raise RuntimeError(
                    f"the control page answered {page.status} "
                    f"({page.headers.get('Location', 'no redirect')}): not signed in?"
                )
            self.csrf = match.group(1)

    async def act(self, label: str, action: str, fields: dict, wanted, wait: float) -> Waiting:
        """POST one action and wait until every phone's stream has delivered its new state."""
        room = self.room
        waiting = Waiting(label, wanted, [p for p in room.phones if p.connected.is_set()])
        room.waiting = waiting
        waiting.started = started = time.perf_counter()
        try:
            async with room.http.post(
                room.base_url + self.control + action,
                data={**fields, "csrfmiddlewaretoken": self.csrf},
                headers=self.header(),
                allow_redirects=False,
            ) as response:
                await response.read()
                self._keep(response)
                self.posts.setdefault(label, []).append(time.perf_counter() - started)
                location = response.headers.get("Location", "")
                if response.status != 302 or not location.endswith(self.control):
                    room.errors.add(f"{label} answered {response.status} to {location!r}")
        except Exception as error:  # counted; the phones are still waited for
            room.errors.add(f"{label}: {type(error).__name__}: {error}")
        try:
            await asyncio.wait_for(waiting.done.wait(), wait)
        except TimeoutError:
            room.errors.add(f"{label}: {len(waiting.pending)} phones not told within {wait} s")
        room.waiting = None
        return waiting


class Cpu:
    """CPU seconds (user + system) of the gunicorn master and every worker, via psutil."""

    def __init__(self, master_pid: int):
        import psutil

        self.master = psutil.Process(master_pid)

    def sample(self) -> dict[int, float]:
        import psutil

        seconds = {}
        for process in [self.master, *self.master.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            seconds[process.pid] = times.user + times.system
        return seconds

    async def percent_over(self, seconds: float) -> float:
        before, started = self.sample(), time.perf_counter()
        await asyncio.sleep(seconds)
        after, elapsed = self.sample(), time.perf_counter() - started
        return spent(before, after) / elapsed * 100


def spent(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


class Phases:
    """Wall time, this process's CPU and the server's CPU for each phase, for the # lines."""

    def __init__(self, cpu: Cpu):
        self.cpu = cpu
        self.rows: list[tuple[str, float, float, float]] = []
        self._mark = None

    def start(self) -> None:
        self._mark = (time.perf_counter(), time.process_time(), self.cpu.sample())

    def end(self, name: str) -> None:
        wall0, own0, server0 = self._mark
        wall = time.perf_counter() - wall0
        own = time.process_time() - own0
        server = spent(server0, self.cpu.sample())
        self.rows.append((name, wall, own / wall * 100, server / wall * 100))
        self.start()


async def loop_lag(record: list[float], stop: asyncio.Event) -> None:
    """How late this event loop wakes up: the load generator's own delay on every event."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(LAG_TICK)
        record.append(time.perf_counter() - started - LAG_TICK)


async def gather_bounded(coroutines, limit: int, errors: Errors, label: str) -> list:
    gate = asyncio.Semaphore(limit)

    async def one(coroutine):
        async with gate:
            try:
                return await coroutine
            except Exception as error:
                errors.add(f"{label}: {type(error).__name__}: {error}")
                return None

    return await asyncio.gather(*(one(c) for c in coroutines))


async def drive(args, plan: dict, base_url: str, master_pid: int) -> dict:
    """Everything the phones and the facilitator do; returns the figures."""
    import aiohttp

    errors = Errors()
    phones = [Phone(index, token) for index, token in enumerate(plan["tokens"])]
    room = Room(base_url, phones, errors)
    cpu = Cpu(master_pid)
    phases = Phases(cpu)
    lags: list[float] = []
    stop_lag = asyncio.Event()
    lagging = asyncio.create_task(loop_lag(lags, stop_lag))
    chooser = random.Random(args.seed)  # noqa: S311 - spreading votes, not security
    figures: dict = {}

    # Keep-alive shorter than the server's (``keepalive`` in selfassess/config/gunicorn.py),
    # so an idle connection kept is never one the server has closed; longer than the 1.5 s
    # between polls, so a polling phone reuses its connection as a browser would. No
    # connection limit, since every phone holds a stream.
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=30)
    timeout = aiohttp.ClientTimeout(total=120, sock_connect=30)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        room.http = Http(http)
        wall0, own0 = time.perf_counter(), time.process_time()
        phases.start()

        # 1. join and open every stream, --concurrency phones at a time
        listeners: list[asyncio.Task] = []

        async def arrive(phone: Phone) -> None:
            await room.join(phone)
            listener = asyncio.create_task(room.listen(phone))
            listeners.append(listener)
            first = asyncio.create_task(phone.connected.wait())
            await asyncio.wait({listener, first}, timeout=args.wait, return_when="FIRST_COMPLETED")
            first.cancel()

        await gather_bounded([arrive(p) for p in phones], args.concurrency, errors, "join")
        connected = sum(p.connected.is_set() for p in phones)
        if connected < len(phones):
            errors.add(f"{len(phones) - connected} phones did not connect")
        phases.end("join and connect")
        figures["connected"] = connected

        facilitator = Facilitator(room, plan["assessment"], plan["facilitator_cookie"])
        await facilitator.load_control_page()

        # 2. idle with every stream open
        await asyncio.sleep(args.settle)
        phases.start()
        figures["idle_cpu_pct"] = await cpu.percent_over(args.idle)
        phases.end("idle (streams)")

        # 3. rounds
        pushes: dict[str, list[float]] = {}
        votes: list[float] = []
        acknowledged: dict[str, int] = {}
        statements = plan["statements"]
        levels = plan["levels"]
        for number in range(args.rounds):
            here, after = statements[number], statements[number + 1]
            opened = await facilitator.act(
                "open",
                "vote/open/",
                {"round": "", "seconds": ""},
                lambda s: s.get("state") == "open" and s.get("round") is not None,
                args.wait,
            )
            if len(opened.rounds) != 1:
                errors.add(f"phones were told of rounds {sorted(map(str, opened.rounds))}")
                break
            round_id = next(iter(opened.rounds))
            results = await asyncio.gather(
                *(
                    room.vote(
                        phone,
                        round_id,
                        levels[(phone.index + number) % len(levels)],
                        chooser.uniform(0, args.spread),
                        votes,
                    )
                    for phone in phones
                    if phone.connected.is_set()
                )
            )
            acknowledged[str(round_id)] = sum(result is True for result in results)
            steps = [
                ("close", "vote/close/", {"round": str(round_id)}, "closed"),
                ("reveal", "vote/reveal/", {"round": str(round_id)}, "revealed"),
                ("show", "show/", {"statement": after, "from": here}, "none"),
            ]
            for label, action, fields, state in steps:
                wanted = (
                    (lambda s, state=state: s.get("state") == state and s.get("round") is None)
                    if label == "show"
                    else (
                        lambda s, state=state, r=round_id: (
                            s.get("state") == state and s.get("round") == r
                        )
                    )
                )
                done = await facilitator.act(label, action, fields, wanted, args.wait)
                pushes.setdefault(label, []).extend(done.latencies)
            pushes.setdefault("open", []).extend(opened.latencies)
        phases.end("rounds")
        figures.update(pushes=pushes, votes=votes, acknowledged=acknowledged)
        figures["posts"] = facilitator.posts

        # 4. the streams closed, the same phones poll instead
        for phone in phones:
            phone.closing = True
            if phone.response is not None:
                phone.response.close()
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
        await asyncio.sleep(args.settle)
        polls: list[float] = []
        started = time.perf_counter()
        until = started + POLL_SECONDS + args.idle + POLL_SECONDS
        pollers = [
            asyncio.create_task(room.poll(p, chooser.uniform(0, POLL_SECONDS), until, polls))
            for p in phones
            if p.csrf
        ]
        await asyncio.sleep(POLL_SECONDS)  # every phone has started polling
        phases.start()
        counted_from = len(polls)
        figures["polling_cpu_pct"] = await cpu.percent_over(args.idle)
        figures["polls_per_s"] = (len(polls) - counted_from) / args.idle
        phases.end("idle (polling)")
        await asyncio.gather(*pollers)
        figures["polls"] = polls
        wall, own = time.perf_counter() - wall0, time.process_time() - own0
        figures["loadgen_cpu_pct"] = own / wall * 100
    stop_lag.set()
    await lagging
    figures.update(errors=errors, phases=phases.rows, lags=lags, repeated=room.http.repeated)
    return figures


# -- the run ---------------------------------------------------------------------------------


def ms(values: list[float], fraction: float) -> float:
    from .loadgen import percentile

    return percentile(values, fraction) * 1000


def run_benchmark(args) -> int:
    from .loadgen import measure_floor
    from .server import scratch_database, serving

    with scratch_database(args.db, name=args.database_name) as database:
        plan = commands.ask(database, MODULE, "seed", phones=args.phones, rounds=args.rounds)
        with serving(database, workers=args.workers) as server:
            figures = asyncio.run(drive(args, plan, server.base_url, server.process.pid))
            floor = measure_floor(
                server.base_url, count=args.floor_requests, concurrency=args.floor_concurrency
            )
            memory = server.memory()
        stored = commands.ask(database, MODULE, "count", assessment=plan["assessment"])
    return report(args, figures, floor, stored, memory)


def report(args, figures, floor, stored, memory) -> int:
    errors = figures["errors"]
    acknowledged = figures["acknowledged"]
    for message in floor.errors:
        errors.add(f"floor: {message}")
    for round_id, acked in acknowledged.items():
        if stored.get(round_id, 0) != acked:
            print(
                f"# round {round_id}: acknowledged={acked} stored={stored.get(round_id, 0)}",
                file=sys.stderr,
            )
    pushes = [value for values in figures["pushes"].values() for value in values]
    votes = figures["votes"]
    push_p95 = ms(pushes, 0.95)
    vote_p95 = ms(votes, 0.95)
    floor_p95 = floor.p95_ms
    total_acked = sum(acknowledged.values())
    total_stored = sum(stored.get(round_id, 0) for round_id in acknowledged)
    extra_rounds = set(stored) - set(acknowledged)
    total_stored += sum(stored[r] for r in extra_rounds)

    print(f"# server memory: {memory}", file=sys.stderr)
    for name, wall, own, server in figures["phases"]:
        print(
            f"# phase {name}: wall_s={wall:.1f} loadgen_cpu_pct={own:.1f} "
            f"server_cpu_pct={server:.1f}",
            file=sys.stderr,
        )
    lags = figures["lags"]
    print(
        f"# loadgen event loop lag: p50_ms={ms(lags, 0.5):.1f} p95_ms={ms(lags, 0.95):.1f} "
        f"max_ms={max(lags, default=0) * 1000:.1f}",
        file=sys.stderr,
    )
    for label, values in figures["pushes"].items():
        print(
            f"# push {label}: n={len(values)} p50_ms={ms(values, 0.5):.1f} "
            f"p95_ms={ms(values, 0.95):.1f} max_ms={max(values, default=0) * 1000:.1f}",
            file=sys.stderr,
        )
    for label, values in figures["posts"].items():
        print(
            f"# facilitator {label} POST: n={len(values)} p50_ms={ms(values, 0.5):.1f} "
            f"max_ms={max(values, default=0) * 1000:.1f}",
            file=sys.stderr,
        )
    print(
        f"# votes: n={len(votes)} max_ms={max(votes, default=0) * 1000:.1f}; stored per round "
        f"{stored}",
        file=sys.stderr,
    )
    polls = figures["polls"]
    print(
        f"# polling: n={len(polls)} polls_per_s={figures['polls_per_s']:.0f} "
        f"(target {args.phones / POLL_SECONDS:.0f}) p50_ms={ms(polls, 0.5):.1f} "
        f"p95_ms={ms(polls, 0.95):.1f}",
        file=sys.stderr,
    )
    print(
        f"# floor: n={len(floor.latencies)} p50_ms={floor.p50_ms:.1f} p95_ms={floor_p95:.1f} "
        f"failed={floor.failed}",
        file=sys.stderr,
    )
    print(
        f"# requests sent again after the server closed a kept-alive connection: "
        f"{figures['repeated']}",
        file=sys.stderr,
    )
    for message in errors.kept:
        print(f"# error: {message}", file=sys.stderr)
    ratio = vote_p95 / floor_p95 if floor_p95 else float("inf")
    print(
        f"workshop_room db={args.db} workers={args.workers} phones={args.phones} "
        f"rounds={args.rounds} connected={figures['connected']} "
        f"push_p50_ms={ms(pushes, 0.5):.1f} push_p95_ms={push_p95:.1f} "
        f"push_max_ms={max(pushes, default=float('nan')) * 1000:.1f} "
        f"vote_p50_ms={ms(votes, 0.5):.1f} vote_p95_ms={vote_p95:.1f} "
        f"acknowledged={total_acked} stored={total_stored} errors={errors.count} "
        f"idle_cpu_pct={figures['idle_cpu_pct']:.1f} "
        f"polling_cpu_pct={figures['polling_cpu_pct']:.1f} "
        f"loadgen_cpu_pct={figures['loadgen_cpu_pct']:.1f} "
        f"floor_p95_ms={floor_p95:.1f} vote_ratio={ratio:.1f}",
        flush=True,
    )
    sound = (
        figures["connected"] == args.phones
        and errors.count == 0
        and floor.failed == 0
        and total_stored == total_acked
        and len(acknowledged) == args.rounds
    )
    return 0 if sound else 1


def main(argv=None) -> int:
    parser = commands.parser_for(
        "python -m bench.workshop_room",
        count_option="assessment",
        count_help="for count: the assessment's id",
    )
    parser.add_argument("--phones", type=int, default=DEFAULT_PHONES)
    parser.add_argument("--rounds", type=int, default=3, help="statements voted on in turn")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of each idle window")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds before each window")
    parser.add_argument("--spread", type=float, default=10.0, help="seconds the votes spread over")
    parser.add_argument("--wait", type=float, default=60.0, help="seconds a change may take")
    parser.add_argument("--concurrency", type=int, default=50, help="phones joining at once")
    parser.add_argument("--floor-requests", type=int, default=500)
    parser.add_argument("--floor-concurrency", type=int, default=32)
    parser.add_argument(
        "--database-name", default="selfassess_bench_room", help="the scratch database's name"
    )
    parser.add_argument("--seed", type=int, default=1, help="for the votes' timing and levels")
    args = parser.parse_args(argv)
    if min(args.phones, args.rounds, args.workers, args.concurrency) < 1 or args.idle <= 0:
        parser.error("--phones, --rounds, --workers and --concurrency must be above 0, --idle too")
    answered = commands.answer(
        parser,
        args,
        seed=lambda: seed(args.phones, args.rounds),
        count=count,
        count_option="assessment",
    )
    return run_benchmark(args) if answered is None else answered


if __name__ == "__main__":
    sys.exit(main())
