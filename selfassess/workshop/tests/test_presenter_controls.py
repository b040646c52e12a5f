"""The presenter's controls: countdown, pause, re-vote, the count and the blank screen, moving
between statements, and two facilitators pressing at once. Time passing is shown by moving a
round's deadline into the past, never by waiting."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from selfassess.workshop import services
from selfassess.workshop.models import LiveSession, RoundState, Vote, VoteRound

BASE = "/assessments/{pk}/workshop/"


def url(assessment, tail=""):
    return BASE.format(pk=assessment.pk) + tail


@pytest.fixture
def session(assessment, facilitator):
    facilitator.post(url(assessment, "start/"))
    return LiveSession.objects.get(assessment=assessment, state="live")


def open_round(facilitator, assessment, expected="", **data):
    facilitator.post(url(assessment, "vote/open/"), {"round": expected, **data})
    return VoteRound.objects.filter(session__assessment=assessment).order_by("-pk").first()


def time_is_up(round_):
    VoteRound.objects.filter(pk=round_.pk).update(deadline=timezone.now() - timedelta(seconds=1))


def text(response):
    return response.content.decode()


# -- countdown ----------------------------------------------------------------------------------


def test_a_countdown_shows_on_screen_phone_and_control_page(
    session, assessment, facilitator, phone
):
    round_ = open_round(facilitator, assessment, seconds="60")
    assert round_.deadline is not None
    assert 59 <= (round_.deadline - round_.opened_at).total_seconds() <= 60
    client, _ = phone()
    for page in (
        text(facilitator.get(url(assessment, "screen/"))),
        text(client.get("/workshop/vote/")),
        text(facilitator.get(url(assessment))),
    ):
        assert 'data-countdown-seconds="' in page
        assert "Time left" in page


def test_the_server_refuses_a_vote_after_the_countdown(session, assessment, facilitator, phone):
    round_ = open_round(facilitator, assessment, seconds="30")
    client, _participant = phone()
    client.post("/workshop/vote/", {"round": round_.pk, "level": "2"})
    time_is_up(round_)
    response = client.post("/workshop/vote/", {"round": round_.pk, "level": "5"}, follow=True)
    assert "Time is up" in text(response)
    assert list(Vote.objects.values_list("level", flat=True)) == [2]
    late, _ = phone()
    late.post("/workshop/vote/", {"round": round_.pk, "level": "4"})
    assert Vote.objects.count() == 1
    screen = text(facilitator.get(url(assessment, "screen/")))
    assert "Time is up: voting has closed." in screen
    assert "Reopen the vote" in text(facilitator.get(url(assessment)))


def test_reopening_after_time_is_up_takes_votes_again_and_revealing_keeps_the_deadline(
    session, assessment, facilitator, phone
):
    round_ = open_round(facilitator, assessment, seconds="30")
    time_is_up(round_)
    again = open_round(facilitator, assessment, expected=round_.pk)
    assert again.pk == round_.pk and again.deadline is None and again.takes_votes()
    client, _ = phone()
    client.post("/workshop/vote/", {"round": round_.pk, "level": "3"})
    assert Vote.objects.count() == 1
    facilitator.post(url(assessment, "vote/countdown/"), {"round": round_.pk, "seconds": "30"})
    time_is_up(round_)
    round_.refresh_from_db()
    deadline = round_.deadline
    facilitator.post(url(assessment, "vote/reveal/"), {"round": round_.pk})
    round_.refresh_from_db()
    assert round_.state == RoundState.REVEALED
    assert round_.closed_at == deadline  # it closed when the time was up, not when revealed


def test_a_countdown_can_be_started_on_an_open_vote_and_removed(session, assessment, facilitator):
    round_ = open_round(facilitator, assessment)
    assert round_.deadline is None
    facilitator.post(url(assessment, "vote/countdown/"), {"round": round_.pk, "seconds": "120"})
    round_.refresh_from_db()
    assert round_.deadline is not None
    facilitator.post(url(assessment, "vote/countdown/"), {"round": round_.pk, "seconds": ""})
    round_.refresh_from_db()
    assert round_.deadline is None


@pytest.mark.parametrize("seconds", ["45", "-30", "abc", "9" * 30])
def test_a_time_limit_not_on_the_list_is_refused_and_changes_nothing(
    session, assessment, facilitator, seconds
):
    response = facilitator.post(url(assessment, "vote/open/"), {"round": "", "seconds": seconds})
    assert response.status_code == 400
    assert not VoteRound.objects.exists()


# -- pause (lock) -------------------------------------------------------------------------------


def test_a_paused_vote_takes_no_vote_and_no_change_until_started_again(
    session, assessment, facilitator, phone
):
    round_ = open_round(facilitator, assessment)
    client, _ = phone()
    client.post("/workshop/vote/", {"round": round_.pk, "level": "1"})
    facilitator.post(url(assessment, "vote/lock/"), {"round": round_.pk, "locked": "on"})
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN and round_.locked_at is not None
    response = client.post("/workshop/vote/", {"round": round_.pk, "level": "4"}, follow=True)
    assert "Voting is paused" in text(response)
    other, _ = phone()
    other.post("/workshop/vote/", {"round": round_.pk, "level": "4"})
    assert list(Vote.objects.values_list("level", flat=True)) == [1]
    assert "Voting is paused." in text(facilitator.get(url(assessment, "screen/")))
    facilitator.post(url(assessment, "vote/lock/"), {"round": round_.pk, "locked": "off"})
    client.post("/workshop/vote/", {"round": round_.pk, "level": "4"})
    assert list(Vote.objects.values_list("level", flat=True)) == [4]


def test_pausing_twice_is_the_same_as_once_and_a_closed_vote_cannot_be_paused(
    session, assessment, facilitator
):
    round_ = open_round(facilitator, assessment)
    facilitator.post(url(assessment, "vote/lock/"), {"round": round_.pk, "locked": "on"})
    round_.refresh_from_db()
    first = round_.locked_at
    facilitator.post(url(assessment, "vote/lock/"), {"round": round_.pk, "locked": "on"})
    round_.refresh_from_db()
    assert round_.locked_at == first
    facilitator.post(url(assessment, "vote/close/"), {"round": round_.pk})
    with pytest.raises(services.NotAllowed):
        services.lock_vote(session, round_.pk, locked=False)


def test_a_switch_sent_as_anything_but_on_or_off_is_refused(session, assessment, facilitator):
    round_ = open_round(facilitator, assessment)
    for tail, name in (
        ("vote/lock/", "locked"),
        ("screen/count/", "shown"),
        ("screen/blank/", "blank"),
    ):
        response = facilitator.post(url(assessment, tail), {"round": round_.pk, name: "toggle"})
        assert response.status_code == 400
    session.refresh_from_db()
    round_.refresh_from_db()
    assert (session.show_count, session.screen_blank, round_.locked_at) == (True, False, None)


# -- re-vote ------------------------------------------------------------------------------------


def test_a_revote_keeps_both_rounds_and_shows_the_first_in_the_history(
    session, assessment, facilitator, phone
):
    first = open_round(facilitator, assessment)
    phones = [phone("Board")[0] for _ in range(3)]
    for client, level in zip(phones, (1, 2, 3), strict=True):
        client.post("/workshop/vote/", {"round": first.pk, "level": str(level)})
    facilitator.post(url(assessment, "vote/reveal/"), {"round": first.pk})
    second = open_round(facilitator, assessment, expected=first.pk)
    assert (first.number, second.number) == (1, 2)
    for client, level in zip(phones, (3, 3, 4), strict=True):
        client.post("/workshop/vote/", {"round": second.pk, "level": str(level)})
    facilitator.post(url(assessment, "vote/reveal/"), {"round": second.pk})
    assert sorted(first.votes.values_list("level", flat=True)) == [1, 2, 3]
    assert sorted(second.votes.values_list("level", flat=True)) == [3, 3, 4]
    control = text(facilitator.get(url(assessment)))
    # Round 1 by hand: 1, 2, 3, median 2; three votes, k = 3, so shown.
    assert "Round 1: 3 votes, median level 2" in control
    screen = text(facilitator.get(url(assessment, "screen/")))
    assert "round 2" in screen and "Round 1: 3 votes, median level 2" in screen


# -- the count and the blank screen -------------------------------------------------------------


def test_the_count_can_be_hidden_on_screen_while_voting(session, assessment, facilitator, phone):
    round_ = open_round(facilitator, assessment)
    for level in (1, 2):
        phone()[0].post("/workshop/vote/", {"round": round_.pk, "level": str(level)})
    assert "people have voted" in text(facilitator.get(url(assessment, "screen/")))
    facilitator.post(url(assessment, "screen/count/"), {"shown": "off"})
    before = facilitator.get(url(assessment, "screen/live/")).json()
    for page in (text(facilitator.get(url(assessment, "screen/"))), before["html"]):
        assert "Vote on your phone now" in page
        assert "voted" not in page.replace("Vote on your phone", "")
    phone()[0].post("/workshop/vote/", {"round": round_.pk, "level": "3"})
    after = facilitator.get(url(assessment, "screen/live/")).json()
    assert after["key"] == before["key"]  # a new vote does not even change the screen's key
    control = text(facilitator.get(url(assessment)))
    assert "<strong>3</strong> people have voted" in control  # the facilitator still sees it
    facilitator.post(url(assessment, "vote/close/"), {"round": round_.pk})
    assert "3</strong> votes" in text(facilitator.get(url(assessment, "screen/")))


def test_the_screen_can_be_blanked_and_shown_again(session, assessment, facilitator):
    shown = facilitator.get(url(assessment, "screen/live/")).json()
    facilitator.post(url(assessment, "screen/blank/"), {"blank": "on"})
    facilitator.post(url(assessment, "screen/blank/"), {"blank": "on"})  # a second press
    blank = facilitator.get(url(assessment, "screen/live/")).json()
    assert blank["key"] != shown["key"]
    assert "app-projector__blank" in blank["html"]
    assert "Statement a-1." not in blank["html"] and "ACDEFGH" not in blank["html"]
    assert "Show the screen again" in text(facilitator.get(url(assessment)))
    facilitator.post(url(assessment, "screen/blank/"), {"blank": "off"})
    assert "Statement a-1." in facilitator.get(url(assessment, "screen/live/")).json()["html"]


def test_the_join_code_is_large_until_the_first_vote_then_in_a_corner(
    session, assessment, facilitator
):
    assert "app-projector__join--large" in text(facilitator.get(url(assessment, "screen/")))
    open_round(facilitator, assessment)
    page = text(facilitator.get(url(assessment, "screen/")))
    assert "app-projector__join--corner" in page and "app-projector__join--large" not in page
    facilitator.post(url(assessment, "show/"), {"statement": "b-1"})
    assert "app-projector__join--corner" in text(facilitator.get(url(assessment, "screen/")))


# -- moving between statements, two facilitators -------------------------------------------------


def test_two_facilitators_pressing_next_at_once_move_the_room_once(
    session, assessment, facilitator, second_facilitator
):
    # Both pages show statement a-1 with the same "next" button; both press it.
    page = text(facilitator.get(url(assessment)))
    assert 'data-presenter-key="next"' in page
    target = page.split('data-presenter-key="next"')[1].split('name="statement" value="')[1]
    target = target.split('"')[0]
    start = session.current_statement_id
    for client in (facilitator, second_facilitator):
        client.post(url(assessment, "show/"), {"statement": target, "from": start})
    session.refresh_from_db()
    assert session.current_statement_id == target
    # The second page, still showing the first statement, now presses "previous": it is out
    # of date, so the room stays where it is.
    response = second_facilitator.post(
        url(assessment, "show/"), {"statement": "b-2", "from": start}, follow=True
    )
    assert "moved to another statement after your page was loaded" in text(response)
    session.refresh_from_db()
    assert session.current_statement_id == target


def test_the_control_page_explains_the_keys_and_marks_the_buttons_they_press(
    session, assessment, facilitator
):
    page = text(facilitator.get(url(assessment)))
    assert "Keys for a clicker and the keyboard" in page
    assert "<kbd>Page Down</kbd>" in page and "<kbd>B</kbd>" in page
    assert 'data-presenter-key="blank"' in page
    assert "workshop/presenter.js" in page


def test_the_control_live_update_carries_the_whole_presenter_panel(
    session, assessment, facilitator
):
    before = facilitator.get(url(assessment, "live/")).json()
    facilitator.post(url(assessment, "screen/blank/"), {"blank": "on"})
    after = facilitator.get(url(assessment, "live/")).json()
    assert after["key"] != before["key"]
    assert "Show the screen again" in after["html"] and "Open the vote" in after["html"]


def test_two_next_presses_at_the_same_moment_move_once(transactional_db, assessment, facilitator):
    """Two threads press "next" at once; the session row's lock puts one after the other, and
    the second finds the room already moved. Run on PostgreSQL, where the lock is real (the
    in-memory SQLite of the tests shares one cache between threads)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks between threads need PostgreSQL")
    facilitator.post(url(assessment, "start/"))
    session = LiveSession.objects.get(assessment=assessment, state="live")
    start = session.current_statement_id
    target = next(s.id for s in assessment.framework.statements() if s.id != start)
    barrier = threading.Barrier(2)
    errors = []

    def press():
        try:
            barrier.wait()
            services.show_statement(session, target, from_statement_id=start)
        except Exception as error:  # collected and checked below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    session.refresh_from_db()
    assert session.current_statement_id == target
