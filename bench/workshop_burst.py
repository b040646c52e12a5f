"""Load: a room of 300 people voting on one statement at once, through gunicorn and PostgreSQL.

Run::

    .venv/bin/python -m bench.workshop_burst                  # 300 voters, PostgreSQL
    .venv/bin/python -m bench.workshop_burst --voters 50 --db sqlite

It prints one line on stdout::

    workshop_burst voters=300 stored=300 p50_ms=.. p95_ms=.. votes_per_s=.. floor_per_s=.. ratio=..

What happens: a scratch database (``bench.server.scratch_database``) gets a closed assessment
on the NHS IMPACT framework, ``--voters`` invited participants and a live workshop session
with the vote open on one statement. Every voter then does what a phone does: opens their
personal link for the workshop, loads the vote page (for its CSRF token) and posts a vote;
every tenth voter posts the same vote twice, as a double tap would. All voters start within
``--spread`` seconds (default 2), with ``--concurrency`` (default 32) at once.

* ``p50_ms`` / ``p95_ms``: the vote posts' latencies (nearest rank, every post).
* ``votes_per_s``: acknowledged votes divided by the time from the first vote post's start
  to the last one's end.
* ``floor_per_s``: the floor endpoint's inserts per second (``bench.loadgen.measure_floor``,
  one POST inserting one row) on the same server, at the same concurrency, before the burst.
* ``ratio = floor_per_s / votes_per_s``: how many floor inserts fit in the time of one vote
  (a vote checks the session, locks the round and upserts; 1 would be free).
* ``stored``: the votes the database holds for the round afterwards, counted by its own
  process; the run fails unless it is exactly ``--voters`` (one per voter, double taps
  counted once).
"""

from __future__ import annotations

import sys
import threading
import time

from . import commands
from .invited import invited_crowd, setup_django

MODULE = "bench.workshop_burst"
DEFAULT_VOTERS = 300


def seed(voters: int) -> dict:
    """A live session with the vote open, and ``voters`` invited people's tokens."""
    setup_django()
    from selfassess.assessments.lifecycle import Status
    from selfassess.workshop.models import LiveSession, VoteRound

    assessment, _people, tokens = invited_crowd("Workshop load trust", Status.CLOSED, voters)
    statement = assessment.framework.statements()[0].id
    session = LiveSession.objects.create(assessment=assessment, current_statement_id=statement)
    round_ = VoteRound.objects.create(session=session, statement_id=statement)
    return {
        "round": round_.pk,
        "tokens": tokens,
        "levels": list(assessment.framework.scale.values),
    }


def count(round_pk: int) -> dict:
    setup_django()
    from selfassess.workshop.models import Vote

    votes = Vote.objects.filter(round_id=round_pk)
    return {
        "stored": votes.count(),
        "voters": votes.values("participant").distinct().count(),
    }


class Timeline:
    """The first vote post's start and the last one's end, across threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self.first = None
        self.last = None
        self.acknowledged = 0

    def add(self, started, ended):
        with self._lock:
            self.first = started if self.first is None else min(self.first, started)
            self.last = ended if self.last is None else max(self.last, ended)
            self.acknowledged += 1

    @property
    def seconds(self):
        return (self.last - self.first) if self.first is not None else 0.0


def voter(round_pk, token, level, twice, timeline):
    def job(client):
        client.request("GET", f"/workshop/take-part/{token}/", expect=(302,), label="join")
        page = client.request("GET", "/workshop/vote/", label="page")
        fields = {
            "csrfmiddlewaretoken": page.csrf_token(),
            "round": str(round_pk),
            "level": str(level),
        }
        for _ in range(2 if twice else 1):
            started = time.perf_counter()
            client.request("POST", "/workshop/vote/", fields, expect=(302,), label="vote")
            timeline.add(started, time.perf_counter())

    return job


def main(argv=None) -> int:
    parser = commands.parser_for(
        "python -m bench.workshop_burst",
        count_option="round",
        count_help="for count: the round's id",
    )
    parser.add_argument("--voters", type=int, default=DEFAULT_VOTERS)
    parser.add_argument("--spread", type=float, default=2.0, help="seconds over which voters start")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args(argv)
    if args.voters < 1 or args.concurrency < 1 or args.spread < 0:
        parser.error("--voters and --concurrency must be above 0, --spread 0 or more")
    answered = commands.answer(
        parser, args, seed=lambda: seed(args.voters), count=count, count_option="round"
    )
    return run_benchmark(args) if answered is None else answered


def run_benchmark(args) -> int:
    from .loadgen import measure_floor, percentile, run
    from .server import scratch_database, serving

    with scratch_database(args.db, name="selfassess_bench_workshop") as database:
        plan = commands.ask(database, MODULE, "seed", voters=args.voters)
        levels = plan["levels"]
        timeline = Timeline()
        jobs = [
            voter(plan["round"], token, levels[index % len(levels)], index % 10 == 0, timeline)
            for index, token in enumerate(plan["tokens"])
        ]
        with serving(database, workers=args.workers) as server:
            floor = measure_floor(server.base_url, count=500, concurrency=args.concurrency)
            result = run(
                jobs,
                server.base_url,
                concurrency=args.concurrency,
                time_limit=120,
                interval=args.spread / len(jobs),
            )
        stored = commands.ask(database, MODULE, "count", round=plan["round"])
    for error in result.errors:
        print(f"# error: {error}", file=sys.stderr)
    for label, latencies in sorted(result.latencies_by_label.items()):
        print(
            f"# {label}: n={len(latencies)} p50_ms={percentile(latencies, 0.5) * 1000:.1f} "
            f"p95_ms={percentile(latencies, 0.95) * 1000:.1f}",
            file=sys.stderr,
        )
    votes = result.latencies_by_label.get("vote", [])
    votes_per_s = timeline.acknowledged / timeline.seconds if timeline.seconds else 0.0
    floor_per_s = floor.requests_per_s
    ratio = floor_per_s / votes_per_s if votes_per_s else float("inf")
    print(
        f"workshop_burst voters={args.voters} stored={stored['stored']} "
        f"p50_ms={percentile(votes, 0.5) * 1000:.1f} p95_ms={percentile(votes, 0.95) * 1000:.1f} "
        f"votes_per_s={votes_per_s:.0f} floor_per_s={floor_per_s:.0f} ratio={ratio:.1f}",
        flush=True,
    )
    sound = (
        stored["stored"] == args.voters
        and stored["voters"] == args.voters
        and result.failed == 0
        and result.not_started == 0
        and floor.failed == 0
    )
    return 0 if sound else 1


if __name__ == "__main__":
    sys.exit(main())
