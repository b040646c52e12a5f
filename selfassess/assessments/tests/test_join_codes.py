"""Join codes resist guessing at every door that takes one (issue 13's review).

The review found: 300 guesses met no throttling; a valid code was told apart from an invalid
one and showed the organisation's name; fifteen fresh phones joined one group and voted. Each
test here failed on that code. Both doors are tested: the survey's /join/ and the workshop's
/workshop/ (the code box, and the code in the address).
"""

import datetime
import math
import re
import threading

import pytest
from django.db import connection
from django.test import Client

from selfassess.accounts import ratelimit
from selfassess.assessments import join_codes
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.workshop.models import LiveSession, SessionState

pytestmark = pytest.mark.django_db

ORGANISATION = "Hillside Community Health NHS Trust"
CODE = "K7PX4QACDE79"
# The two doors, each with its box (a POST of the code) and its address (/.../<code>/).
BOXES = {"survey": "/join/", "workshop": "/workshop/"}
ADDRESSES = {"survey": "/join/{}/", "workshop": "/workshop/{}/"}


def make_assessment(code=CODE, status=Status.OPEN, live=False, **fields):
    assessment = AssessmentFactory(
        organisation=OrganisationFactory(name=ORGANISATION), join_code=code, **fields
    )
    ParticipantGroupFactory(assessment=assessment, name="Board")
    if status != Status.DRAFT:
        assessment.transition_to(Status.OPEN)
    if status in (Status.CLOSED, Status.COMPLETE):
        assessment.transition_to(Status.CLOSED)
    if status == Status.COMPLETE:
        assessment.transition_to(Status.COMPLETE)
    if live:
        LiveSession.objects.create(
            assessment=assessment, state=SessionState.LIVE, current_statement_id="a-1"
        )
    return assessment


def phone(address="10.1.0.1"):
    return Client(REMOTE_ADDR=address)


def comparable(response) -> str:
    """The page without what differs on every response anyway (the form's CSRF token, the
    script nonce)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    return re.sub(r'nonce="[^"]+"', "nonce", html)


# -- the codes themselves ------------------------------------------------------------------


def test_a_new_code_is_long_unambiguous_and_read_in_blocks():
    code = join_codes.new_code()
    assert len(code) == 12
    assert set(code) <= set(join_codes.ALPHABET)
    assert not set(join_codes.ALPHABET) & set("0O1IL5S2Z8B")
    # 25 symbols, 12 of them: at least 55 bits, against at most 20 refusals per client and
    # per code every 15 minutes.
    assert 12 * math.log2(25) > 55
    assert join_codes.display("ACDEFGHJKMNP") == "ACDE-FGHJ-KMNP"


@pytest.mark.parametrize("typed", ["k7px-4qac-de79", " K7PX 4QAC DE79 ", "k7px4qacde79"])
@pytest.mark.parametrize("door", ["survey", "workshop"])
def test_any_case_spaces_and_dashes_are_accepted(door, typed):
    make_assessment(live=True)
    response = phone().post(BOXES[door], {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == ADDRESSES[door].format(CODE)


# -- guessing is throttled -----------------------------------------------------------------


@pytest.mark.parametrize("door", ["survey", "workshop"])
def test_guessing_is_throttled_per_client(door):
    make_assessment(live=True)
    guesser = phone("10.9.9.9")
    for number in range(join_codes.PER_CLIENT):
        response = guesser.post(BOXES[door], {"code": f"ACDEFGHJ{number:04d}"})
        assert response.status_code == 400
    # Now even the right code is not looked at from this client, in the box or the address,
    # at either door: the limit is the client's, not the door's.
    for box in BOXES.values():
        response = guesser.post(box, {"code": CODE})
        assert response.status_code == 429
        assert "Too many join codes were tried from here" in response.content.decode()
    for address in ADDRESSES.values():
        assert guesser.get(address.format(CODE)).status_code == 429
    assert ORGANISATION not in guesser.get(ADDRESSES[door].format(CODE)).content.decode()
    # Another client is not held up.
    assert phone("10.9.9.10").post(BOXES[door], {"code": CODE}).status_code == 302


@pytest.mark.parametrize("door", ["survey", "workshop"])
def test_guessing_is_throttled_per_code(door):
    """Many clients trying one code that does not work (closed, or not running) are held up
    on that code, and the code stays refused once its limit is reached."""
    make_assessment(status=Status.CLOSED)
    for number in range(join_codes.PER_CODE):
        response = phone(f"10.2.0.{number + 1}").get(ADDRESSES[door].format(CODE))
        assert response.status_code in (400, 404)
    fresh = phone("10.2.1.1")
    assert fresh.get(ADDRESSES[door].format(CODE)).status_code == 429
    # The same client may still try another code.
    assert fresh.post(BOXES[door], {"code": "ACDEACDEACDE"}).status_code == 400


def test_the_limits_are_counted_in_the_shared_cache():
    """The counters are the sign-in limit's (ratelimit), which every worker shares."""
    assert isinstance(join_codes.TRIES, ratelimit.Limit)
    assert (join_codes.TRIES.per_client, join_codes.TRIES.per_address) == (60, 200)


# -- a wrong code and a code of no use now are answered alike ------------------------------


def _refusals(door):
    """The same door's answer to a code that never existed and to codes of no use now."""
    make_assessment(code="CLOSEDCLOSED", status=Status.CLOSED)
    make_assessment(code="DRAFTDRAFTDR", status=Status.DRAFT)
    make_assessment(code="COMPLETECMPL", status=Status.COMPLETE)
    if door == "survey":
        # Open, but past the end of its closing date.
        make_assessment(code="PASTPASTPAST", closes_on=datetime.date(2020, 1, 31))
    else:
        # Open for answers, but no workshop running.
        make_assessment(code="PASTPASTPAST")
    return ["NEVERNEVERNE", "CLOSEDCLOSED", "DRAFTDRAFTDR", "COMPLETECMPL", "PASTPASTPAST"]


@pytest.mark.parametrize("door", ["survey", "workshop"])
def test_a_wrong_code_gets_the_same_answer_as_an_expired_or_closed_one(door):
    codes = _refusals(door)
    by_box = [
        phone(f"10.3.{i}.1").post(BOXES[door], {"code": code}) for i, code in enumerate(codes)
    ]
    by_address = [
        phone(f"10.4.{i}.1").get(ADDRESSES[door].format(code)) for i, code in enumerate(codes)
    ]
    for answers in (by_box, by_address):
        assert len({response.status_code for response in answers}) == 1
        assert len({comparable(response) for response in answers}) == 1
    assert "Check the join code and type it again" in by_box[0].content.decode()


@pytest.mark.parametrize("door", ["survey", "workshop"])
def test_nothing_about_the_organisation_shows_before_a_code_is_accepted(door):
    codes = _refusals(door)
    for code in codes:
        for response in (
            phone().post(BOXES[door], {"code": code}),
            phone().get(ADDRESSES[door].format(code)),
        ):
            html = response.content.decode()
            assert ORGANISATION not in html
            assert "Hillside" not in html
            assert code not in html


def test_a_workshop_that_ended_no_longer_takes_its_code():
    assessment = make_assessment(live=True)
    assert phone().get(f"/workshop/{CODE}/").status_code == 200
    LiveSession.objects.filter(assessment=assessment).update(state=SessionState.ENDED)
    response = phone().get(f"/workshop/{CODE}/")
    assert response.status_code == 404
    assert ORGANISATION not in response.content.decode()


# -- the cap on joiners per group ----------------------------------------------------------


def _join(client, door, group):
    page = client.get(ADDRESSES[door].format(CODE))
    key = re.search(r'name="form_key" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(ADDRESSES[door].format(CODE), {"group": group.pk, "form_key": key})


@pytest.mark.parametrize("door", ["survey", "workshop"])
def test_a_full_group_takes_nobody_else_and_says_so(door):
    assessment = make_assessment(live=True, joiners_per_group=2)
    board = assessment.groups.get()
    for number in range(2):
        assert _join(phone(f"10.5.0.{number}"), door, board).status_code == 302
    response = _join(phone("10.5.0.9"), door, board)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The Board group is full" in html
    assert "limit of 2 people" in html
    assert Participant.objects.filter(joined_by_code=True).count() == 2
    # The group page says it is full before anyone chooses it.
    assert (
        "This group is full"
        in phone("10.5.0.10").get(ADDRESSES[door].format(CODE)).content.decode()
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("door", ["survey", "workshop"])
def test_the_cap_holds_when_many_phones_join_at_once(door):
    """Eight phones choose a group capped at three at the same moment; three get in.

    Runs on PostgreSQL (DATABASE_URL): SQLite's in-memory test database refuses concurrent
    writers outright, where the service's file database queues them (IMMEDIATE
    transactions), which serialises the joins anyway."""
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL: set DATABASE_URL")
    assessment = make_assessment(live=True, joiners_per_group=3)
    board = assessment.groups.get()
    phones = [phone(f"10.6.0.{number}") for number in range(8)]
    keys = []
    for client in phones:
        page = client.get(ADDRESSES[door].format(CODE))
        keys.append(re.search(r'name="form_key" value="([^"]+)"', page.content.decode()).group(1))
    start = threading.Barrier(len(phones))
    statuses = []

    def join(client, key):
        try:
            start.wait()
            response = client.post(
                ADDRESSES[door].format(CODE), {"group": board.pk, "form_key": key}
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=pair) for pair in zip(phones, keys, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 302, 302, 400, 400, 400, 400, 400]
    assert Participant.objects.filter(group=board, joined_by_code=True).count() == 3


def test_the_facilitator_sets_the_cap_on_the_join_code_page(client, member_of):
    from selfassess.organisations.models import Role

    assessment = make_assessment()
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    page = client.get(f"/assessments/{assessment.pk}/join-code/").content.decode()
    assert "There is no limit" in page
    assert "K7PX-4QAC-DE79" in page
    response = client.post(
        f"/assessments/{assessment.pk}/join-code/limit/",
        {"joiners_per_group": "12", "back": "join"},
    )
    assert response["Location"] == f"/assessments/{assessment.pk}/join-code/"
    assessment.refresh_from_db()
    assert assessment.joiners_per_group == 12
    assert "Up to <strong>12</strong> people" in client.get(response["Location"]).content.decode()
    response = client.post(
        f"/assessments/{assessment.pk}/join-code/limit/", {"joiners_per_group": "0"}
    )
    assert response.status_code == 400
    assert "at least 1" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.joiners_per_group == 12
    response = client.post(
        f"/assessments/{assessment.pk}/join-code/limit/",
        {"joiners_per_group": "", "back": "workshop"},
    )
    assert response["Location"] == f"/assessments/{assessment.pk}/workshop/"
    assessment.refresh_from_db()
    assert assessment.joiners_per_group is None
    control = client.get(response["Location"]).content.decode()
    assert "People who can join each group" in control
    assert "There is no limit" in control
