"""Votes and agreed positions are never lost, never counted twice, never silently overwritten."""

import re

import pytest
from django.db import IntegrityError, transaction

from selfassess.assessments.models import ConsensusRating, Participant
from selfassess.workshop import services
from selfassess.workshop.consensus import Conflict, Position, save_position
from selfassess.workshop.models import ConsensusChange, LiveSession, RoundState, Vote, VoteRound

from .conftest import group


@pytest.fixture
def session(assessment, facilitator):
    facilitator.post(f"/assessments/{assessment.pk}/workshop/start/")
    return LiveSession.objects.get(assessment=assessment, state="live")


def open_round(facilitator, assessment, expected=""):
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/open/", {"round": expected})
    return VoteRound.objects.filter(session__assessment=assessment).order_by("-pk").first()


def test_the_database_refuses_a_second_vote_in_the_same_round(session, assessment):
    round_ = VoteRound.objects.create(session=session, statement_id="a-1")
    participant, _ = Participant.invite(assessment, group(assessment, "Board"))
    Vote.objects.create(round=round_, participant=participant, level=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(round=round_, participant=participant, level=3)


def test_a_double_post_counts_once_and_a_revote_changes_the_same_row(
    session, assessment, facilitator, phone
):
    round_ = open_round(facilitator, assessment)
    client, participant = phone()
    for _ in range(2):
        response = client.post("/workshop/vote/", {"round": round_.pk, "level": "2"})
        assert response.status_code == 302
    assert list(Vote.objects.values_list("participant_id", "level")) == [(participant.pk, 2)]
    client.post("/workshop/vote/", {"round": round_.pk, "level": "dont-know"})
    assert list(Vote.objects.values_list("participant_id", "level")) == [(participant.pk, None)]


def test_a_vote_after_closing_is_refused_and_the_earlier_vote_kept(
    session, assessment, facilitator, phone
):
    round_ = open_round(facilitator, assessment)
    client, _participant = phone()
    client.post("/workshop/vote/", {"round": round_.pk, "level": "4"})
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/close/", {"round": round_.pk})
    response = client.post("/workshop/vote/", {"round": round_.pk, "level": "1"}, follow=True)
    assert "Voting on this statement has closed" in response.content.decode()
    assert list(Vote.objects.values_list("level", flat=True)) == [4]


def test_moving_between_statements_and_back_loses_no_vote(session, assessment, facilitator, phone):
    round_ = open_round(facilitator, assessment)
    phones = [phone("Board")[0] for _ in range(3)]
    for client, level in zip(phones, (1, 2, 3), strict=True):
        client.post("/workshop/vote/", {"round": round_.pk, "level": str(level)})
    facilitator.post(f"/assessments/{assessment.pk}/workshop/show/", {"statement": "b-2"})
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    facilitator.post(f"/assessments/{assessment.pk}/workshop/show/", {"statement": "a-1"})
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/reveal/", {"round": round_.pk})
    round_.refresh_from_db()
    assert round_.state == RoundState.REVEALED
    assert sorted(round_.votes.values_list("level", flat=True)) == [1, 2, 3]


def test_reopening_a_closed_round_keeps_its_votes(session, assessment, facilitator, phone):
    round_ = open_round(facilitator, assessment)
    client, _ = phone()
    client.post("/workshop/vote/", {"round": round_.pk, "level": "5"})
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/close/", {"round": round_.pk})
    again = open_round(facilitator, assessment, expected=round_.pk)
    assert again.pk == round_.pk and again.state == RoundState.OPEN
    assert list(again.votes.values_list("level", flat=True)) == [5]


def test_a_double_click_on_vote_again_starts_one_new_round(session, assessment, facilitator):
    first = open_round(facilitator, assessment)
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/reveal/", {"round": first.pk})
    open_round(facilitator, assessment, expected=first.pk)
    open_round(facilitator, assessment, expected=first.pk)  # the same form, sent again
    assert list(VoteRound.objects.values_list("number", "state").order_by("number")) == [
        (1, RoundState.REVEALED),
        (2, RoundState.OPEN),
    ]


def test_a_stale_page_changes_nothing(session, assessment):
    with pytest.raises(services.NotAllowed):
        services.close_vote(session, expected_round_id=999)
    assert not VoteRound.objects.exists()


def test_ending_the_session_closes_the_vote_and_keeps_it(session, assessment, facilitator, phone):
    round_ = open_round(facilitator, assessment)
    client, _ = phone()
    client.post("/workshop/vote/", {"round": round_.pk, "level": "3"})
    facilitator.post(f"/assessments/{assessment.pk}/workshop/end/")
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    assert round_.votes.count() == 1
    assert client.post("/workshop/vote/", {"round": round_.pk, "level": "1"}).status_code == 302
    assert list(round_.votes.values_list("level", flat=True)) == [3]


POSITION = {"current_level": "2", "target_level": "4", "rationale": "Pockets of good work."}


def record(client, assessment, base_version, **changes):
    data = {**POSITION, "evidence": "", "base_version": base_version, **changes}
    return client.post(f"/assessments/{assessment.pk}/consensus/a-1/", data)


def test_two_facilitators_saving_the_same_statement_see_a_conflict(
    assessment, facilitator, second_facilitator
):
    assert record(facilitator, assessment, 0).status_code == 302
    # The second facilitator opened the form before the first saved (version 0).
    response = record(second_facilitator, assessment, 0, rationale="Mostly in one directorate.")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Pockets of good work." in html and "Mostly in one directorate." in html
    rating = ConsensusRating.objects.get()
    assert (rating.version, rating.rationale) == (1, "Pockets of good work.")

    # Keep mine: the conflict page names the version now seen (1).
    assert 'name="base_version" value="1"' in html
    response = record(second_facilitator, assessment, 1, rationale="Mostly in one directorate.")
    assert response.status_code == 302
    rating.refresh_from_db()
    assert (rating.version, rating.rationale) == (2, "Mostly in one directorate.")


def test_a_third_save_during_the_conflict_is_caught_again(
    assessment, facilitator, second_facilitator
):
    record(facilitator, assessment, 0)
    record(facilitator, assessment, 1, target_level="5")
    response = record(second_facilitator, assessment, 1, rationale="Mine.")
    assert response.status_code == 409
    assert ConsensusRating.objects.get().target_level == 5


def test_every_change_is_kept_with_who_when_before_and_after(assessment, facilitator, member_of):
    record(facilitator, assessment, 0)
    record(facilitator, assessment, 1, current_level="3", evidence="Staff survey 2025.")
    record(facilitator, assessment, 2, current_level="3", evidence="Staff survey 2025.")  # same
    changes = list(ConsensusChange.objects.order_by("version"))
    assert [change.version for change in changes] == [1, 2]
    assert changes[0].before is None
    assert changes[0].after["current_level"] == 2
    assert changes[1].before == {
        "current_level": 2,
        "target_level": 4,
        "rationale": "Pockets of good work.",
        "evidence": "",
    }
    assert changes[1].after["evidence"] == "Staff survey 2025."
    assert all(change.changed_by.email for change in changes)
    page = facilitator.get(f"/assessments/{assessment.pk}/consensus/a-1/").content.decode()
    assert "Evidence: Staff survey 2025." in page and "Not agreed before" in page


def test_the_service_refuses_an_old_version_directly(assessment, member_of):
    user = member_of(assessment.organisation)
    position = Position(2, 3, "Why.", "")
    save_position(assessment, "b-1", position, user, 0)
    with pytest.raises(Conflict) as raised:
        save_position(assessment, "b-1", Position(1, 1, "Other.", ""), user, 0)
    assert raised.value.theirs.version == 1
    assert ConsensusRating.objects.get().rationale == "Why."


def test_bad_consensus_input_is_explained_and_changes_nothing(assessment, facilitator):
    response = record(facilitator, assessment, 0, current_level="4", target_level="2")
    assert response.status_code == 400
    assert "cannot be lower than the current level" in response.content.decode()
    response = record(facilitator, assessment, 0, current_level="9", rationale="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose one of the levels on the scale" in html and "Enter the rationale" in html
    assert not ConsensusRating.objects.exists()


def test_starting_a_session_gives_an_assessment_without_a_join_code_one(
    assessment, django_user_model
):
    """An assessment that never went through opening (imported, say) still gets a code the
    room can join with, rather than a screen showing no code."""
    assessment.join_code = None
    assessment.save(update_fields=["join_code"])
    services.start_session(assessment, None)
    assessment.refresh_from_db()
    assert assessment.join_code and len(assessment.join_code) == 12


def test_a_phone_that_lost_its_session_rejoins_as_the_same_participant(
    assessment, facilitator, client
):
    """Joining by code again from the same phone must not make a second voter."""
    facilitator.post(f"/assessments/{assessment.pk}/workshop/start/")
    facilitator.post(f"/assessments/{assessment.pk}/workshop/vote/open/", {"round": ""})
    round_ = VoteRound.objects.get()
    board = group(assessment, "Board")

    def join_by_code(phone):
        page = phone.get("/workshop/ACDEFGH/").content.decode()
        key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
        return phone.post("/workshop/ACDEFGH/", {"group": board.pk, "form_key": key})

    phone = type(client)()
    join_by_code(phone)
    phone.post("/workshop/vote/", {"round": round_.pk, "level": "2"})
    phone.session.flush()  # signed out after an idle hour, say; the device cookie stays
    phone.cookies.pop("sessionid", None)
    join_by_code(phone)
    phone.post("/workshop/vote/", {"round": round_.pk, "level": "4"})
    assert Participant.objects.filter(joined_by_code=True).count() == 1
    assert list(Vote.objects.values_list("level", flat=True)) == [4]

    # Another phone, or a tampered cookie, is someone new.
    other = type(client)()
    other.cookies[f"workshop_device_{assessment.pk}"] = "1:forged"
    join_by_code(other)
    assert Participant.objects.filter(joined_by_code=True).count() == 2
