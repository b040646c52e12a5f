"""The app served as in production (gunicorn) on a scratch database, for benchmarks and for
the fault tests in ``tests/reliability``.

Why a harness: figures measured through Django's test client say nothing about a real
deployment (no WSGI server, no worker processes, no connection handling), and fault tests
need a server process they can kill. This module starts one and cleans everything up.

The API, in the order a benchmark uses it::

    from bench.server import scratch_database, serving

    with scratch_database("postgres", name="selfassess_bench") as database:
        # created, migrated and with the framework library loaded
        output = database.run_module("bench.completion_load", "seed", "--participants", "50")
        with serving(database, workers=3) as server:
            server.base_url            # "http://127.0.0.1:PORT"
            server.host, server.port
            ...                        # send requests (see bench.loadgen)
            server.memory()            # {"peak_rss_mb": .., "peak_rss_hwm_mb": .., ...}
        # the server is stopped (SIGTERM, then SIGKILL after a grace period)
    # the database is dropped (PostgreSQL) or its folder removed (SQLite)

* ``scratch_database(kind, name=None, admin_url=None, keep=False, floor=True)``: ``kind`` is
  ``"postgres"`` or ``"sqlite"``. PostgreSQL: ``name`` is created on the server of
  ``admin_url`` (default: ``SELFASSESS_BENCH_PG``, else the host and user of
  ``DATABASE_URL`` if it is a PostgreSQL URL, else ``postgres://postgres@127.0.0.1:5432``),
  dropped first if it exists, and dropped afterwards. SQLite: a new temporary folder holds
  ``selfassess.sqlite3``. Either way the yielded ``Database`` has ``env`` (the environment
  every process must use to reach it), ``url``, ``kind``, ``manage(*args)`` (a
  ``selfassess`` command) and ``run_module(module, *args)`` (``python -m module``, returning
  its stdout), both run with that environment and failing loudly.
  ``floor=True`` turns on the benchmark floor endpoint for every process started with that
  environment (``POST /operations/bench-floor/``, see ``selfassess.operations.views``).
* ``serving(database, workers=3, port=None, env=None)``: a ``Server`` started and
  answering; ``Server(database, ...).start()`` does the same without the ``with``. ``env``
  is added to the server's environment. Several workers must share the live workshop's
  channel layer through Redis (production's gunicorn settings refuse to start them
  otherwise), so ``serving`` gives them ``SELFASSESS_BENCH_REDIS_URL`` (default the
  machine's Redis, ``redis://127.0.0.1:6379/0``) unless ``env`` names one; the fault tests
  pass a Redis of their own (``tests/redis_server.py``).
* ``Server``: ``start()``, ``wait_until_answering(timeout)``, ``stop()`` (clean),
  ``kill()`` (SIGKILL to the master and every worker at once, as a crash would), and
  ``memory()``. Peak memory is sampled every 0.2 s as the sum of the resident set sizes of
  the master and its workers (``peak_rss_mb``); ``peak_rss_hwm_mb`` adds each process's own
  high-water mark (``VmHWM``) and is an upper bound. Both come from ``/proc``.

The settings are the production ones (``selfassess.config.settings.production``) with a
random secret, loopback hosts, and HTTPS redirects off because the harness speaks plain HTTP
on loopback only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SAMPLE_SECONDS = 0.2
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _admin_url(explicit: str | None) -> str:
    if explicit:
        return explicit
    if os.environ.get("SELFASSESS_BENCH_PG"):
        return os.environ["SELFASSESS_BENCH_PG"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return _with_database(url, "postgres")
    return DEFAULT_ADMIN_URL


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def base_environment(floor: bool = True) -> dict[str, str]:
    """Production settings, made to run on loopback over plain HTTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SELFASSESS_BENCH_FLOOR"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "selfassess.config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if floor:
        env["SELFASSESS_BENCH_FLOOR"] = "1"
    return env


@dataclass
class Database:
    """A scratch database and the environment that reaches it (see the module docstring)."""

    kind: str
    url: str
    env: dict[str, str]
    folder: Path | None = None

    def run_module(self, module: str, *args: str, timeout: float = 600) -> str:
        completed = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"python -m {module} {' '.join(args)} failed ({completed.returncode}):\n"
                f"{completed.stderr[-4000:]}"
            )
        return completed.stdout

    def manage(self, *args: str, timeout: float = 600) -> str:
        return self.run_module("selfassess.cli", *args, timeout=timeout)

    def prepare(self) -> None:
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("framework", "load-library")


def _postgres(admin_url: str):
    import psycopg

    return psycopg.connect(admin_url, autocommit=True, connect_timeout=10)


def _recreate_postgres(admin_url: str, name: str, create: bool) -> None:
    from psycopg import sql

    with _postgres(admin_url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@contextlib.contextmanager
def scratch_database(
    kind: str = "postgres",
    name: str | None = None,
    admin_url: str | None = None,
    keep: bool = False,
    floor: bool = True,
):
    """A new, migrated database with the framework library loaded; removed afterwards."""
    env = base_environment(floor=floor)
    if kind == "postgres":
        admin = _admin_url(admin_url)
        name = name or "selfassess_bench"
        if not name.replace("_", "").isalnum():
            raise ValueError(f"use letters, digits and _ in a scratch database name, not {name!r}")
        _recreate_postgres(admin, name, create=True)
        url = _with_database(admin, name)
        env["DATABASE_URL"] = url
        database = Database(kind, url, env)
        try:
            database.prepare()
            yield database
        finally:
            if not keep:
                _recreate_postgres(admin, name, create=False)
    elif kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix=f"{name or 'selfassess_bench'}-"))
        env["SELFASSESS_VAR_DIR"] = str(folder)
        database = Database(kind, str(folder / "selfassess.sqlite3"), env, folder)
        try:
            database.prepare()
            yield database
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    else:
        raise ValueError(f"kind must be 'postgres' or 'sqlite', not {kind!r}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _group_pids(group: int) -> list[int]:
    """Every live process in the process group (the gunicorn master and its workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after its ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and int(fields[2]) == group and fields[0] != "Z":
            pids.append(int(entry.name))
    return pids


def _status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Server:
    """A gunicorn serving the app on loopback; see the module docstring."""

    database: Database
    workers: int = 3
    env: dict[str, str] = field(default_factory=dict)  # set on top of the database's env
    port: int | None = None
    host: str = "127.0.0.1"
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    _peak_rss_kib: int = 0
    _hwm_kib: dict[int, int] = field(default_factory=dict)
    _sampling: threading.Event = field(default_factory=threading.Event)
    _sampler: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 60) -> Server:
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError("the server is already running")
        self.port = self.port or free_port()
        log_dir = self.database.folder or Path(tempfile.gettempdir())
        self.log_path = log_dir / f"gunicorn-{self.port}.log"
        # Production's own gunicorn settings (uvicorn workers, the ASGI application).
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:selfassess.config.gunicorn",
            "--bind",
            f"{self.host}:{self.port}",
            "--workers",
            str(self.workers),
            "--access-logfile",
            "/dev/null",
            "--graceful-timeout",
            "10",
            "--log-level",
            "warning",
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                command,
                cwd=ROOT,
                env={**self.database.env, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so kill() reaches workers
            )
        self._sampling.clear()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        self.wait_until_answering(timeout)
        return self

    def wait_until_answering(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/", timeout=2) as reply:  # noqa: S310
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        if self.log_path and self.log_path.exists():
            return self.log_path.read_text(errors="replace")[-4000:]
        return ""

    def _sample(self) -> None:
        while not self._sampling.is_set():
            self._take_sample()
            self._sampling.wait(SAMPLE_SECONDS)

    def _take_sample(self) -> None:
        if self.process is None:
            return
        total = 0
        for pid in _group_pids(self.process.pid):
            total += _status_kib(pid, "VmRSS")
            self._hwm_kib[pid] = max(self._hwm_kib.get(pid, 0), _status_kib(pid, "VmHWM"))
        self._peak_rss_kib = max(self._peak_rss_kib, total)

    def memory(self) -> dict[str, float]:
        """Peak memory of the server processes so far, in MiB (see the module docstring)."""
        self._take_sample()
        return {
            "peak_rss_mb": round(self._peak_rss_kib / 1024, 1),
            "peak_rss_hwm_mb": round(sum(self._hwm_kib.values()) / 1024, 1),
            "processes": len(self._hwm_kib),
        }

    def _end_sampling(self) -> None:
        self._take_sample()
        self._sampling.set()
        if self._sampler is not None:
            self._sampler.join(timeout=5)

    def stop(self, timeout: float = 20) -> None:
        """Stop cleanly: SIGTERM lets workers finish their requests; SIGKILL if they hang."""
        if self.process is None or self.process.poll() is not None:
            return
        self._end_sampling()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self._reap_group()

    def kill(self) -> None:
        """SIGKILL the master and every worker at the same moment: a crash, not a shutdown."""
        if self.process is None:
            return
        self._end_sampling()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self._reap_group()

    def _reap_group(self) -> None:
        """Wait until no process of the group is left (orphaned workers included)."""
        deadline = time.monotonic() + 10
        while _group_pids(self.process.pid) and time.monotonic() < deadline:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            time.sleep(0.05)


@contextlib.contextmanager
def serving(database: Database, workers: int = 3, port: int | None = None, env: dict | None = None):
    """A started, answering server on ``database``; stopped cleanly afterwards."""
    env = dict(env or {})
    if workers > 1:
        env.setdefault(
            "SELFASSESS_LIVE_REDIS_URL",
            os.environ.get("SELFASSESS_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
        )
    server = Server(database, workers=workers, port=port, env=env)
    server.start()
    try:
        yield server
    finally:
        server.stop()
