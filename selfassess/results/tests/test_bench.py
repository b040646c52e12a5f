"""The benchmark runs end to end at a tiny size and prints well-formed lines (no timing checks)."""

import os
import re
import subprocess
import sys

from django.conf import settings

LINE = re.compile(
    r"^(release|results|results_page) participants=20 statements=30 groups=7 "
    r"median_ms=\d+\.\d floor_ms=\d+\.\d ratio=\d+\.\d$"
)


def test_bench_runs_end_to_end(tmp_path):
    db = tmp_path / "bench.sqlite3"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    finished = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "bench", "--participants", "20", "--repeat", "1", "--db", str(db)],
        cwd=settings.PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    lines = finished.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["release", "results", "results_page"]
    for line in lines:
        assert LINE.match(line), line
    assert not db.exists()  # the throwaway database is removed afterwards
