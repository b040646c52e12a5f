"""``python -m bench``: build results for 200, 2,000 and 20,000 participants and print one line
per measurement, for example::

    results participants=2000 statements=30 groups=7 median_ms=41.2 floor_ms=15.0 ratio=2.7

Progress goes to stderr, so stdout holds only measurement lines.
"""

import argparse
import os
import sys
import time
from pathlib import Path

DEFAULT_SIZES = [200, 2000, 20000]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--participants",
        type=int,
        nargs="+",
        default=DEFAULT_SIZES,
        help="numbers of participants to measure (default: 200 2000 20000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the throwaway SQLite file (default: var/bench/bench.sqlite3); it is replaced",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database file afterwards")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(n < 1 for n in args.participants):
        parser.error("--repeat and --participants must be at least 1")
    return args


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    db = (args.db or root / "var" / "bench" / "bench.sqlite3").resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    _remove(db)
    # Always the benchmark's own settings and file, whatever the environment says.
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["SELFASSESS_BENCH_DB"] = str(db)

    import django

    django.setup()
    from django.core.management import call_command

    from .data import create_assessment, framework_dict
    from .measure import measure

    statements = sum(len(c["statements"]) for c in framework_dict()["components"])
    try:
        call_command("migrate", verbosity=0, interactive=False)
        for participants in args.participants:
            started = time.perf_counter()
            assessment, viewer = create_assessment(participants)
            print(
                f"# {participants} participants inserted in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
            groups = assessment.groups.count()
            for name, (median, floor) in measure(assessment, viewer, args.repeat).items():
                print(
                    f"{name} participants={participants} statements={statements} "
                    f"groups={groups} median_ms={median:.1f} floor_ms={floor:.1f} "
                    f"ratio={median / floor:.1f}",
                    flush=True,
                )
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            _remove(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
