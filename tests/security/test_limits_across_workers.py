"""The sign-in limit holds across worker processes: three separate gunicorn processes, each
one worker, share one SQLite database, and the failed attempts go round them in turn.

With the database cache (the default) or Redis, the sixth attempt is refused wherever it
lands, as the documented limit of five says. With each process counting in its own memory
(the old default) the limit is not reached: the test shows why the default changed.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
EMAIL = "lead@example.nhs.uk"
PASSWORD = "a long and correct passphrase"
WORKERS = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(var_dir: Path, cache: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        DJANGO_SETTINGS_MODULE="selfassess.config.settings.local",
        DEBUG="0",
        SELFASSESS_VAR_DIR=str(var_dir),
        SELFASSESS_CACHE=cache,
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    return env


def _run(env, *args):
    subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(BIN / "selfassess"), *args],
        env=env,
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
        timeout=300,
    )


def _wait_until_serving(port, process):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("a worker process stopped while starting")
        try:
            requests.get(f"http://127.0.0.1:{port}/sign-in/", timeout=15)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError("a worker process did not start")


def _three_workers(tmp_path, cache):
    env = _environment(tmp_path, cache)
    _run(env, "migrate", "--no-input", "-v", "0")
    _run(
        env,
        "shell",
        "-c",
        "from selfassess.accounts.models import User; "
        f"User.objects.create_user({EMAIL!r}, {PASSWORD!r})",
    )
    ports, processes = [], []
    for _ in range(WORKERS):
        port = _free_port()
        process = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            [
                str(BIN / "gunicorn"),
                "selfassess.config.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            env=env,
            cwd=PROJECT_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ports.append(port)
        processes.append(process)
    for port, process in zip(ports, processes, strict=True):
        _wait_until_serving(port, process)
    return ports, processes


def _attempt(port, password):
    browser = requests.Session()
    page = browser.get(f"http://127.0.0.1:{port}/sign-in/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = browser.post(
        f"http://127.0.0.1:{port}/sign-in/",
        data={"csrfmiddlewaretoken": token, "username": EMAIL, "password": password},
        headers={"Referer": f"http://127.0.0.1:{port}/sign-in/"},
        allow_redirects=False,
        timeout=10,
    )
    return response.status_code


def _five_failures_then_the_right_password(tmp_path, cache):
    ports, processes = _three_workers(tmp_path, cache)
    try:
        pids = {p.pid for p in processes}
        assert len(pids) == WORKERS
        failures = [_attempt(ports[n % WORKERS], "wrong guess") for n in range(5)]
        assert failures == [400] * 5
        return [_attempt(port, PASSWORD) for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(20)


def test_the_database_cache_counts_for_every_worker(tmp_path):
    assert _five_failures_then_the_right_password(tmp_path, "database") == [429, 429, 429]


def test_redis_counts_for_every_worker(tmp_path, redis_url):
    assert _five_failures_then_the_right_password(tmp_path, redis_url) == [429, 429, 429]


def test_memory_of_each_process_does_not_hold_the_limit(tmp_path):
    """Five failures spread 2, 2, 1 over three processes: no process has seen five, so the
    right password gets in on each (a 302 to the home page)."""
    assert _five_failures_then_the_right_password(tmp_path, "memory") == [302, 302, 302]
