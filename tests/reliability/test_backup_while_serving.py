"""`selfassess backup` taken while participants are submitting is one consistent moment.

The backup runs while the load is going on. It is then restored into a second, new database
and checked there: every page acknowledged before the backup began is in it, no page is
half-written, nobody is marked as submitted without every answer, and the database's own
integrity check passes. A copy taken file by file could fail any of these.
"""

import time

import pytest

from bench.completion_load import Acknowledged, verify
from bench.server import Server, scratch_database

from .conftest import PARTICIPANTS, database_kinds, scratch_name, shared
from .helpers import Submissions, seed, stored


@pytest.mark.parametrize("kind", database_kinds())
def test_backup_while_serving_restores_to_a_consistent_moment(kind, redis_url, tmp_path):
    path = tmp_path / "while-serving.backup"
    with scratch_database(kind, name=scratch_name("source")) as database:
        plan = seed(database, PARTICIPANTS)
        server = Server(database, workers=2, env=shared(redis_url)).start()
        try:
            submissions = Submissions(plan, server.base_url).start()
            submissions.wait_for_pages(PARTICIPANTS)
            before = Acknowledged()
            before.pages = set(submissions.acknowledged.pages)
            before.submitted = set(submissions.acknowledged.submitted)
            database.manage("backup", str(path))
            backup_ended = len(submissions.acknowledged.pages)
            submissions.join()
        finally:
            server.stop()
        assert submissions.result.failed == 0, submissions.result.errors
        assert backup_ended < PARTICIPANTS * len(plan.components), "the load ended too soon"
        final = verify(plan, submissions.acknowledged, stored(database, plan))
        assert (final.lost, final.half_pages) == (0, 0)

    with scratch_database(kind, name=scratch_name("copy")) as copy:
        started = time.monotonic()
        copy.manage("restore", str(path), "--no-input")
        assert time.monotonic() - started < 60
        restored = verify(plan, before, stored(copy, plan))
    assert restored.integrity == "ok"
    assert restored.lost == 0, "a page saved before the backup began is missing from it"
    assert restored.half_pages == 0
    assert restored.unsubmitted == 0
    assert restored.false_completions == 0
    assert before.pages and restored.stored < final.stored  # a moment during the load
