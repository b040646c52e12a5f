"""The three commands every load script answers, and how the load process asks for them.

``seed`` makes the scripts' data and ``count`` reads back what was stored; both run in the
scratch database's own process, with the server's environment (``Database.run_module``), and
print JSON. ``run``, the default, sends the load from a process that never loads Django, so
the load generator stays small and the figures are the server's.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable


def parser_for(prog: str, *, count_option: str, count_help: str) -> argparse.ArgumentParser:
    """The options every load script shares; the script adds its own."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("command", nargs="?", default="run", choices=["run", "seed", "count"])
    parser.add_argument(f"--{count_option}", type=int, help=count_help)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    return parser


def answer(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    *,
    seed: Callable[[], object],
    count: Callable[[int], object],
    count_option: str,
) -> int | None:
    """Print what ``seed`` or ``count`` returns as JSON and give the exit code, or None when
    the command is ``run`` (the caller runs the benchmark)."""
    if args.command == "seed":
        print(json.dumps(seed()))
        return 0
    if args.command == "count":
        value = getattr(args, count_option.replace("-", "_"))
        if value is None:
            parser.error(f"count needs --{count_option}")
        print(json.dumps(count(value)))
        return 0
    return None


def ask(database, module: str, command: str, **options) -> object:
    """Run ``python -m module command --option value ...`` in the database's own process and
    return the JSON it printed."""
    arguments = []
    for name, value in options.items():
        arguments += [f"--{name.replace('_', '-')}", str(value)]
    return json.loads(database.run_module(module, command, *arguments))
