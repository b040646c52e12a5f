"""Production's gunicorn settings never start workers that could not share the live workshop.

Each uvicorn worker holds some of a room's streams; without a shared Redis a change made
through one worker would never reach the phones held by another, and the workshop would look
frozen with no error anywhere. So several workers without ``SELFASSESS_LIVE_REDIS_URL`` refuse
to start, saying why, and the default is one worker until Redis is set.
"""

import subprocess
import sys

from bench.server import ROOT, base_environment, free_port


def _environment(**extra):
    env = {
        key: value
        for key, value in base_environment(floor=False).items()
        if key not in ("SELFASSESS_LIVE_REDIS_URL", "SELFASSESS_WORKERS")
    }
    return {**env, **extra}


def _gunicorn(*args, env):
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "gunicorn", "-c", "python:selfassess.config.gunicorn", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _default_workers(**extra):
    shown = subprocess.run(
        [sys.executable, "-c", "import selfassess.config.gunicorn as g; print(g.workers)"],
        cwd=ROOT,
        env=_environment(**extra),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(shown.stdout.strip())


def test_several_workers_without_redis_refuse_to_start_and_say_why():
    bind = f"127.0.0.1:{free_port()}"
    refused = _gunicorn("--workers", "2", "--bind", bind, env=_environment())
    assert refused.returncode != 0
    assert "2 workers need SELFASSESS_LIVE_REDIS_URL" in refused.stdout + refused.stderr


def test_one_worker_by_default_and_three_once_redis_is_set():
    assert _default_workers() == 1
    assert _default_workers(SELFASSESS_LIVE_REDIS_URL="redis://127.0.0.1:6379/0") == 3
    assert _default_workers(SELFASSESS_WORKERS="5") == 5
