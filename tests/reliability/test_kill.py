"""SIGKILL the server in the middle of submissions; after a restart nothing acknowledged is
missing and nothing is half-written.

"Acknowledged" means the server answered the post with its redirect: the person saw their
answers accepted. Each component page is saved in one transaction, so a page is either all
there or not there at all; a submission is either recorded with every answer or not at all.
"""

import pytest

from bench.completion_load import journey, verify
from bench.loadgen import run
from bench.server import Server, scratch_database

from .conftest import PARTICIPANTS, database_kinds, scratch_name, shared
from .helpers import Submissions, seed, stored


@pytest.mark.parametrize("kind", database_kinds())
def test_sigkill_mid_submission_loses_nothing_acknowledged(kind, redis_url):
    with scratch_database(kind, name=scratch_name("kill")) as database:
        plan = seed(database, PARTICIPANTS)
        server = Server(database, workers=2, env=shared(redis_url)).start()
        try:
            submissions = Submissions(plan, server.base_url).start()
            submissions.wait_for_pages(PARTICIPANTS * 2)
            server.kill()
            submissions.join()
        finally:
            server.kill()
        acknowledged = submissions.acknowledged
        # The kill really came in the middle: some people were cut off.
        assert submissions.result.failed + submissions.result.not_started > 0
        assert len(acknowledged.submitted) < PARTICIPANTS

        restarted = Server(database, workers=2, port=server.port, env=shared(redis_url)).start()
        try:
            held = stored(database, plan)
            verdict = verify(plan, acknowledged, held)
            assert verdict.integrity == "ok"
            assert verdict.expected >= PARTICIPANTS * 2 * 5  # at least two pages each (5+)
            assert verdict.lost == 0, f"{verdict.lost} acknowledged answers are missing"
            assert verdict.half_pages == 0, f"{verdict.half_pages} pages are half-written"
            assert verdict.unsubmitted == 0
            assert verdict.false_completions == 0

            # The restarted server takes the rest of the answers as normal, from people the
            # database has no start for: someone whose start (or first page) was stored as
            # the server died, unacknowledged, resumes where they were instead of seeing the
            # introduction.
            begun = set(held["started"]) | {response[0] for response in held["responses"]}
            untouched = [(pk, token) for pk, token in plan.participants if pk not in begun]
            assert untouched, "everyone had started: the kill came too late to prove much"
            result = run(
                [journey(plan, pk, token, acknowledged) for pk, token in untouched[:3]],
                restarted.base_url,
                concurrency=3,
                time_limit=60,
            )
            assert (result.done, result.errors) == (min(3, len(untouched)), [])
            held = stored(database, plan)
            verdict = verify(plan, acknowledged, held)
            assert (verdict.lost, verdict.half_pages, verdict.unsubmitted) == (0, 0, 0)
        finally:
            restarted.stop()
