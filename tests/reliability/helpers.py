"""Shared steps: seed participants, send their journeys in the background, count afterwards."""

from __future__ import annotations

import threading
import time

from bench.commands import ask
from bench.completion_load import MODULE, Acknowledged, Plan, journey
from bench.loadgen import run


def seed(database, participants: int) -> Plan:
    return Plan.from_data(ask(database, MODULE, "seed", participants=participants))


def stored(database, plan: Plan) -> dict:
    return ask(database, MODULE, "count", assessment=plan.assessment)


class Submissions:
    """Every participant's journey, paced, on a background thread."""

    def __init__(self, plan: Plan, base_url: str, interval: float = 0.05, concurrency: int = 8):
        self.plan = plan
        self.acknowledged = Acknowledged()
        self.result = None
        jobs = [journey(plan, pk, token, self.acknowledged) for pk, token in plan.participants]
        self._thread = threading.Thread(
            target=self._run, args=(jobs, base_url, interval, concurrency), daemon=True
        )

    def _run(self, jobs, base_url, interval, concurrency):
        self.result = run(
            jobs, base_url, concurrency=concurrency, time_limit=120, interval=interval, timeout=10
        )

    def start(self) -> Submissions:
        self._thread.start()
        return self

    def wait_for_pages(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acknowledged.pages) < count:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise AssertionError(
                    f"only {len(self.acknowledged.pages)} pages were saved; "
                    f"errors: {self.result.errors if self.result else 'still running'}"
                )
            time.sleep(0.01)

    def join(self) -> None:
        self._thread.join(180)
        assert not self._thread.is_alive(), "the submissions did not finish"
