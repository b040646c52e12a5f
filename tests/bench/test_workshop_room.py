"""The workshop room benchmark (``bench.workshop_room``) runs end to end at a tiny size, so it
cannot rot: ten phones hold the stream open through one round, every acknowledged vote is
stored, and the line is well formed. No timing is checked.

It runs on PostgreSQL when DATABASE_URL is a PostgreSQL URL (as in CI's second pass), else on
SQLite, with one worker (so the channel layer stays in memory and Redis is not needed).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
NUMBER = r"(\d+\.\d|nan|inf)"
LINE = re.compile(
    r"^workshop_room db=(postgres|sqlite) workers=1 phones=10 rounds=1 connected=10 "
    rf"push_p50_ms={NUMBER} push_p95_ms={NUMBER} push_max_ms={NUMBER} "
    rf"vote_p50_ms={NUMBER} vote_p95_ms={NUMBER} acknowledged=(\d+) stored=(\d+) errors=0 "
    rf"idle_cpu_pct={NUMBER} polling_cpu_pct={NUMBER} loadgen_cpu_pct={NUMBER} "
    rf"floor_p95_ms={NUMBER} vote_ratio={NUMBER}$"
)


def test_a_room_of_phones_is_told_each_change_and_every_vote_is_stored():
    db = "postgres" if ON_POSTGRES else "sqlite"
    finished = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "bench.workshop_room",
            "--phones",
            "10",
            "--rounds",
            "1",
            "--idle",
            "1",
            "--settle",
            "0.5",
            "--workers",
            "1",
            "--floor-requests",
            "20",
            "--db",
            db,
            "--database-name",
            f"selfassess_bench_room_{os.getpid()}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    lines = [line for line in finished.stdout.splitlines() if not line.startswith("#")]
    assert len(lines) == 1, finished.stdout
    match = LINE.match(lines[0])
    assert match, lines[0]
    figures = dict(re.findall(r"(\w+)=(\S+)", lines[0]))
    assert figures["db"] == db
    assert figures["acknowledged"] == figures["stored"] == "10"
    for name in ("push_p95_ms", "vote_p95_ms", "floor_p95_ms"):
        assert figures[name] != "nan", name
