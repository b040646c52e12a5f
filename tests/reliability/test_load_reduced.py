"""The load scripts of BENCHMARKS.md, run at a reduced size in every test run: the same
journeys through gunicorn, and the same counting afterwards, so a change that loses or
doubles an answer or a vote under concurrency fails here rather than in a board workshop."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import database_kinds

ROOT = Path(__file__).resolve().parents[2]


def run_bench(module, *args, redis_url):
    finished = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env={**os.environ, "SELFASSESS_BENCH_REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in finished.stdout.splitlines() if not line.startswith("#")]
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert len(lines) == 1, finished.stdout
    return dict(re.findall(r"(\w+)=(\S+)", lines[0]))


@pytest.mark.parametrize("db", database_kinds())
def test_participants_completing_at_once_lose_nothing(db, redis_url):
    figures = run_bench(
        "bench.completion_load",
        *("--participants", "40", "--speed", "100", "--db", db),
        redis_url=redis_url,
    )
    assert figures["completed"] == "40"
    assert figures["errors"] == "0"
    assert figures["lost"] == "0" and figures["half_written"] == "0"
    assert figures["stored"] == figures["answers"]


@pytest.mark.parametrize("db", database_kinds())
def test_a_burst_of_voters_stores_exactly_one_vote_each(db, redis_url):
    figures = run_bench("bench.workshop_burst", "--voters", "60", "--db", db, redis_url=redis_url)
    assert figures["voters"] == "60"
    assert figures["stored"] == "60"
