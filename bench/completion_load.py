"""Load: participants completing an assessment through gunicorn and PostgreSQL, then counted.

Run (full size, about two minutes)::

    .venv/bin/python -m bench.completion_load                     # 1,000 participants
    .venv/bin/python -m bench.completion_load --participants 50   # the CI size

It prints one line on stdout, for example::

    completion_load participants=1000 completed=1000 answers=35000 stored=35000 lost=0
    errors=0 requests=9000 window_s=60 wall_s=61.2 p50_ms=9.1 p95_ms=25.3
    floor_p95_ms=8.0 ratio=3.2 pages_per_s=147 floor_per_s=1100 peak_rss_mb=230

What happens: a scratch PostgreSQL database (``--db sqlite`` for SQLite) is migrated and an
open assessment on the NHS IMPACT framework is created with N invited participants. Each
participant then does what a person does: opens their personal link, reads the introduction,
for every component page loads it and saves it (a real form post with the page's CSRF token
and the answers), loads the check page and submits, and sees the confirmation. Arrivals are
spread evenly over a ten-minute window compressed ``--speed`` times (default 10: the window
lasts 60 s), which is a far steeper peak than a real organisation's.

Then every answer is checked in the database (participants submitted, and every stored level
and comment equal to what was sent). ``lost`` counts answers that were acknowledged (the
server redirected after the post) but are missing or different. The floor
(``bench.loadgen.measure_floor``) is measured on the same server before the load;
``ratio = p95_ms / floor_p95_ms``.

The ``seed`` and ``count`` subcommands are the parts that touch the database directly; they
run as their own processes with the server's environment (``Database.run_module``), so the
process sending the load never loads Django. ``tests/reliability`` uses them too.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

from . import commands
from .invited import invited_crowd, setup_django

MODULE = "bench.completion_load"
DEFAULT_PARTICIPANTS = 1000
WINDOW_SECONDS = 600
DEFAULT_SPEED = 10


# -- in the database's own process --------------------------------------------------------


def seed(participants: int) -> dict:
    """An open assessment with ``participants`` invited people; their tokens and the form."""
    setup_django()
    from selfassess.assessments.lifecycle import Status

    assessment, people, tokens = invited_crowd("Load test trust", Status.OPEN, participants)
    framework = assessment.framework
    return {
        "assessment": assessment.pk,
        "participants": [[person.pk, token] for person, token in zip(people, tokens, strict=True)],
        "components": [[s.id for s in c.statements] for c in framework.components],
        "levels": list(framework.scale.values),
    }


def count(assessment_pk: int) -> dict:
    """What the database holds for the assessment, for checking against what was sent."""
    setup_django()
    from django.db import connection

    from selfassess.assessments.models import Participant, Response

    people = Participant.objects.filter(assessment_id=assessment_pk)
    stored = {
        "participants": people.count(),
        "completed": [p for p in people.exclude(completed_at=None).values_list("pk", flat=True)],
        "started": [p for p in people.exclude(started_at=None).values_list("pk", flat=True)],
        "responses": [
            [r.participant_id, r.statement_id, r.level, r.comment]
            for r in Response.objects.filter(participant__assessment_id=assessment_pk)
        ],
    }
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            stored["integrity"] = cursor.fetchone()[0]
    else:
        stored["integrity"] = "ok"
    return stored


# -- in the load generator's process ------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What ``seed`` made, and the answers each participant will give."""

    assessment: int
    participants: list[tuple[int, str]]
    components: list[list[str]]
    levels: list[int]

    @classmethod
    def from_data(cls, data: dict) -> Plan:
        return cls(
            data["assessment"],
            [tuple(p) for p in data["participants"]],
            data["components"],
            data["levels"],
        )

    def answer(self, participant_id: int, statement_number: int) -> tuple[str, str]:
        """The (choice, comment) this participant gives: spread over every level and
        "don't know", with a comment on about one answer in five."""
        choices = [str(level) for level in self.levels] + ["dont_know"]
        choice = choices[(participant_id * 7 + statement_number * 3) % len(choices)]
        comment = ""
        if (participant_id + statement_number) % 5 == 0:
            comment = f"Comment {statement_number} from participant {participant_id} <&>"
        return choice, comment

    def page_fields(self, participant_id: int, position: int, csrf: str) -> list[tuple[str, str]]:
        fields = [
            ("csrfmiddlewaretoken", csrf),
            ("participant", str(participant_id)),
            ("action", "continue"),
        ]
        for statement_id in self.components[position - 1]:
            choice, comment = self.answer(participant_id, self._number(statement_id))
            fields += [(f"answer-{statement_id}", choice), (f"comment-{statement_id}", comment)]
        return fields

    def _number(self, statement_id: str) -> int:
        return [s for component in self.components for s in component].index(statement_id)

    def expected_page(self, participant_id: int, position: int) -> dict:
        """{(participant, statement): (level, comment)} for one acknowledged page."""
        expected = {}
        for statement_id in self.components[position - 1]:
            choice, comment = self.answer(participant_id, self._number(statement_id))
            level = None if choice == "dont_know" else int(choice)
            expected[(participant_id, statement_id)] = (level, comment)
        return expected


class Acknowledged:
    """What the server confirmed (a redirect after a post): the pages and the submissions."""

    def __init__(self):
        import threading

        self.pages: set[tuple[int, int]] = set()
        self.submitted: set[int] = set()
        self._lock = threading.Lock()

    def page(self, participant_id: int, position: int) -> None:
        with self._lock:
            self.pages.add((participant_id, position))

    def submission(self, participant_id: int) -> None:
        with self._lock:
            self.submitted.add(participant_id)


def journey(plan: Plan, participant_id: int, token: str, acknowledged: Acknowledged):
    """A loadgen job: one participant from their link to the confirmation page."""

    def job(client):
        opened = client.request("GET", f"/take-part/{token}/", expect=(302,), label="open")
        if not opened.location.endswith("/take-part/about/"):
            raise RuntimeError(f"the link led to {opened.location}, not the introduction")
        client.request("GET", "/take-part/about/", label="intro")
        for position in range(1, len(plan.components) + 1):
            page = client.request("GET", f"/take-part/answer/{position}/", label="page")
            fields = plan.page_fields(participant_id, position, page.csrf_token())
            client.request(
                "POST", f"/take-part/answer/{position}/", fields, expect=(302,), label="save"
            )
            acknowledged.page(participant_id, position)
        check = client.request("GET", "/take-part/check/", label="check")
        sent = client.request(
            "POST",
            "/take-part/check/",
            {"csrfmiddlewaretoken": check.csrf_token()},
            expect=(302,),
            label="submit",
        )
        if not sent.location.endswith("/take-part/done/"):
            raise RuntimeError(f"submitting led to {sent.location}, not the confirmation")
        acknowledged.submission(participant_id)
        client.request("GET", "/take-part/done/", label="done")

    return job


@dataclass
class Verdict:
    expected: int  # answers acknowledged by the server
    stored: int  # answers in the database
    lost: int  # acknowledged but missing or different
    half_pages: int  # component pages stored in part: a half-written record
    unsubmitted: int  # submissions acknowledged but not marked as completed
    false_completions: int  # marked as completed with a statement unanswered
    integrity: str

    @property
    def sound(self) -> bool:
        return (
            self.lost == 0
            and self.half_pages == 0
            and self.unsubmitted == 0
            and self.false_completions == 0
            and self.integrity == "ok"
        )


def verify(plan: Plan, acknowledged: Acknowledged, stored: dict) -> Verdict:
    """Compare the database with what the server acknowledged."""
    expected = {}
    for participant_id, position in acknowledged.pages:
        expected.update(plan.expected_page(participant_id, position))
    held = {(p, s): (level, comment) for p, s, level, comment in stored["responses"]}
    lost = sum(1 for key, answer in expected.items() if held.get(key) != answer)
    by_participant: dict[int, set[str]] = {}
    for participant_id, statement_id in held:
        by_participant.setdefault(participant_id, set()).add(statement_id)
    half_pages = sum(
        1
        for statements in by_participant.values()
        for component in plan.components
        if 0 < len(statements & set(component)) < len(component)
    )
    completed = set(stored["completed"])
    every_statement = {s for component in plan.components for s in component}
    return Verdict(
        expected=len(expected),
        stored=len(held),
        lost=lost,
        half_pages=half_pages,
        unsubmitted=len(acknowledged.submitted - completed),
        false_completions=sum(
            1 for p in completed if not every_statement <= by_participant.get(p, set())
        ),
        integrity=stored["integrity"],
    )


def main(argv=None) -> int:
    parser = commands.parser_for(
        "python -m bench.completion_load",
        count_option="assessment",
        count_help="for count: the assessment's id",
    )
    parser.add_argument("--participants", type=int, default=DEFAULT_PARTICIPANTS)
    parser.add_argument(
        "--speed",
        type=float,
        default=DEFAULT_SPEED,
        help="how many times faster than real time the ten-minute window runs (default 10)",
    )
    parser.add_argument("--concurrency", type=int, default=64, help="simultaneous participants")
    args = parser.parse_args(argv)
    if args.participants < 1 or args.speed <= 0 or args.concurrency < 1:
        parser.error("--participants, --speed and --concurrency must be above 0")
    answered = commands.answer(
        parser,
        args,
        seed=lambda: seed(args.participants),
        count=count,
        count_option="assessment",
    )
    return run_benchmark(args) if answered is None else answered


def run_benchmark(args) -> int:
    from .loadgen import measure_floor, percentile, run
    from .server import scratch_database, serving

    window = WINDOW_SECONDS / args.speed
    with scratch_database(args.db, name="selfassess_bench_completion") as database:
        plan = Plan.from_data(
            commands.ask(database, MODULE, "seed", participants=args.participants)
        )
        with serving(database, workers=args.workers) as server:
            floor = measure_floor(server.base_url, count=1000, concurrency=8)
            acknowledged = Acknowledged()
            jobs = [journey(plan, pk, token, acknowledged) for pk, token in plan.participants]
            started = time.perf_counter()
            result = run(
                jobs,
                server.base_url,
                concurrency=args.concurrency,
                time_limit=window * 3,
                interval=window / len(jobs),
            )
            wall = time.perf_counter() - started
            memory = server.memory()
        stored = commands.ask(database, MODULE, "count", assessment=plan.assessment)
    verdict = verify(plan, acknowledged, stored)
    statements = sum(len(c) for c in plan.components)
    for error in result.errors:
        print(f"# error: {error}", file=sys.stderr)
    for label, latencies in sorted(result.latencies_by_label.items()):
        print(
            f"# {label}: n={len(latencies)} p50_ms={percentile(latencies, 0.5) * 1000:.1f} "
            f"p95_ms={percentile(latencies, 0.95) * 1000:.1f}",
            file=sys.stderr,
        )
    print(
        f"completion_load db={args.db} participants={args.participants} "
        f"completed={len(stored['completed'])} answers={args.participants * statements} "
        f"stored={verdict.stored} lost={verdict.lost} half_written={verdict.half_pages} "
        f"errors={result.failed + result.not_started + floor.failed} "
        f"requests={result.requests} window_s={window:.0f} wall_s={wall:.1f} "
        f"p50_ms={result.p50_ms:.1f} p95_ms={result.p95_ms:.1f} "
        f"floor_p95_ms={floor.p95_ms:.1f} ratio={result.p95_ms / floor.p95_ms:.1f} "
        f"requests_per_s={result.requests_per_s:.0f} floor_per_s={floor.requests_per_s:.0f} "
        f"peak_rss_mb={memory['peak_rss_mb']:.0f}",
        flush=True,
    )
    complete = (
        verdict.sound
        and result.failed == 0
        and result.not_started == 0
        and len(stored["completed"]) == args.participants
        and verdict.stored == args.participants * statements
    )
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
