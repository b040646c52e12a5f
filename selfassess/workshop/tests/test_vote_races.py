"""Votes racing the facilitator's close, on PostgreSQL, where the row locks are real.

A vote is one statement there (``services._store_if_taking_votes``): it share-locks the round
and writes the vote. These tests hold a close open in another connection while a vote arrives,
and run many votes against a close, to show that an acknowledged vote is always counted and a
refused one never stored, whichever commits first.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from selfassess.assessments.models import Assessment, Participant
from selfassess.workshop import services
from selfassess.workshop.models import LiveSession, RoundState, Vote, VoteRound

from .conftest import group

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL")


@pytest.fixture
def round_(assessment, facilitator):
    facilitator.post(f"/assessments/{assessment.pk}/workshop/start/")
    session = LiveSession.objects.get(assessment=assessment, state="live")
    return services.open_vote(session, None)


def participants(assessment, count):
    return [Participant.invite(assessment, group(assessment, "Board"))[0] for _ in range(count)]


def other_connection(*, autocommit=False):
    """A second psycopg connection to the test database, made by Django's own backend: in a
    transaction until it commits (so a lock it takes is held), or, to watch the others, in
    autocommit (so each look at pg_stat_activity is a fresh one, not the transaction's)."""
    other = connection.get_new_connection(connection.get_connection_params())
    other.autocommit = autocommit
    return other


def in_thread(target):
    outcome = {}

    def run():
        try:
            outcome["value"] = target()
        except Exception as error:  # checked by the caller
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def someone_waits_on_a_lock(watcher, within: float = 10) -> bool:
    """Whether a connection to this database is (or, within ``within`` seconds, comes to be)
    waiting for a lock: how the tests know the other side has reached the lock."""
    deadline = time.monotonic() + within
    while True:
        (waiting,) = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        ).fetchone()
        if waiting or time.monotonic() > deadline:
            return waiting > 0
        time.sleep(0.02)


def test_a_vote_arriving_during_a_close_waits_and_then_is_refused(assessment, round_):
    (voter,) = participants(assessment, 1)
    with other_connection() as closing, other_connection(autocommit=True) as watcher:
        closing.execute(
            "UPDATE workshop_voteround SET state = %s WHERE id = %s", [RoundState.CLOSED, round_.pk]
        )
        thread, outcome = in_thread(lambda: services.cast_vote(voter, round_.pk, 2))
        assert someone_waits_on_a_lock(watcher), "the vote did not wait for the close"
        closing.commit()
        thread.join(10)
    assert isinstance(outcome.get("error"), services.VoteRefused)
    assert "closed" in str(outcome["error"])
    assert not Vote.objects.exists()


def test_a_close_arriving_during_a_vote_waits_and_counts_it(assessment, round_):
    """The other way round: a vote under way (its lock held) holds the close back."""
    (voter,) = participants(assessment, 1)
    with other_connection() as voting, other_connection(autocommit=True) as watcher:
        voting.execute("SELECT id FROM workshop_voteround WHERE id = %s FOR SHARE", [round_.pk])
        voting.execute(
            "INSERT INTO workshop_vote (round_id, participant_id, level, created_at, updated_at)"
            " VALUES (%s, %s, 3, now(), now())",
            [round_.pk, voter.pk],
        )
        session = LiveSession.objects.get(pk=round_.session_id)
        thread, outcome = in_thread(lambda: services.close_vote(session, round_.pk))
        assert someone_waits_on_a_lock(watcher), "the close did not wait for the vote"
        voting.commit()
        thread.join(10)
    assert "error" not in outcome
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    assert list(Vote.objects.values_list("participant_id", "level")) == [(voter.pk, 3)]


def test_votes_racing_a_close_are_stored_exactly_when_acknowledged(assessment, round_):
    voters = participants(assessment, 24)
    session = LiveSession.objects.get(pk=round_.session_id)
    start = threading.Barrier(len(voters) + 1)
    acknowledged, refused, failures = set(), set(), []

    def vote(participant, pause):
        try:
            start.wait()
            time.sleep(pause)
            services.cast_vote(participant, round_.pk, 1 + participant.pk % 4)
            acknowledged.add(participant.pk)
        except services.VoteRefused:
            refused.add(participant.pk)
        except Exception as error:  # checked below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=vote, args=(participant, index * 0.004))
        for index, participant in enumerate(voters)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    time.sleep(0.04)
    services.close_vote(session, round_.pk)
    for thread in threads:
        thread.join(20)
    assert failures == []
    assert acknowledged | refused == {voter.pk for voter in voters}
    assert set(Vote.objects.values_list("participant_id", flat=True)) == acknowledged
    assert VoteRound.objects.get(pk=round_.pk).state == RoundState.CLOSED
    # Not a timing test: which votes won depends on the machine; only the bookkeeping must hold.


def test_a_vote_is_one_statement_when_the_round_takes_it(
    assessment, round_, django_assert_num_queries
):
    """The round trips a room's rush counts (see ``services._store_if_taking_votes``)."""
    (voter,) = participants(assessment, 1)
    voter = Participant.objects.select_related("assessment__framework_version").get(pk=voter.pk)
    with django_assert_num_queries(1):
        services.cast_vote(voter, round_.pk, 2)
    with django_assert_num_queries(1):
        services.cast_vote(voter, round_.pk, None)
    assert list(Vote.objects.values_list("level", flat=True)) == [None]


def pause(round_):
    VoteRound.objects.filter(pk=round_.pk).update(locked_at=timezone.now())


def end_time(round_):
    VoteRound.objects.filter(pk=round_.pk).update(deadline=timezone.now() - timedelta(seconds=1))


def end_session(round_):
    LiveSession.objects.filter(pk=round_.session_id).update(state="ended")


@pytest.mark.parametrize(
    "change, message",
    [(pause, "paused"), (end_time, "Time is up"), (end_session, "closed")],
)
def test_a_round_that_takes_no_vote_stores_nothing_and_says_why(
    assessment, round_, change, message
):
    (voter,) = participants(assessment, 1)
    change(round_)
    with pytest.raises(services.VoteRefused, match=message):
        services.cast_vote(voter, round_.pk, 2)
    assert not Vote.objects.exists()


def test_a_round_of_another_assessment_takes_no_vote(assessment, round_):
    (voter,) = participants(assessment, 1)
    other = Assessment.objects.create(
        organisation=assessment.organisation,
        framework_version=assessment.framework_version,
        cycle_label="Other",
        status=assessment.status,
    )
    voter.assessment_id = other.pk
    with pytest.raises(services.VoteRefused, match="not part of your workshop"):
        services.cast_vote(voter, round_.pk, 2)
    assert not Vote.objects.exists()
