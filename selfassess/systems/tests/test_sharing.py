"""The share payload, sharing again and withdrawing, checked against hand-computed values."""

import json

import pytest

from selfassess.audit.models import Action, AuditEvent
from selfassess.disclosure.tests.helpers import release_now
from selfassess.systems import sharing
from selfassess.systems.models import Audience, LearningNote, Share
from selfassess.systems.sharing import NothingToShare, Scope, build_share_payload

from .factories import SystemMemberFactory, answered_assessment

pytestmark = pytest.mark.django_db

ANSWERS = {"a-1": [2, 3, 4, 4, 5], "a-2": [1, 1, 2, None, 3], "b-1": [3, 3]}
POSITIONS = {
    "a-1": (3, 4, "Most teams do this."),
    "a-2": (1, 3, "Only one pilot."),
    "b-2": (4, 4, ""),
}


def _assessment():
    assessment = answered_assessment(answers=ANSWERS, positions=POSITIONS)
    release_now(assessment)
    return assessment


def test_positions_alone_hold_no_rationale_and_no_survey():
    payload = build_share_payload(_assessment(), Scope())
    assert payload["positions"] == {
        "a-1": {"current": 3, "target": 4},
        "a-2": {"current": 1, "target": 3},
        "b-2": {"current": 4, "target": 4},
    }
    assert "survey" not in payload
    components = {c["id"]: c for c in payload["components"]}
    # comp-a: currents 3 and 1 -> median 2; targets 4 and 3 -> 3.5. comp-b: b-2 alone.
    assert (components["comp-a"]["current"], components["comp-a"]["target"]) == (2.0, 3.5)
    assert (components["comp-b"]["current"], components["comp-b"]["target"]) == (4.0, 4.0)
    assert [s["number"] for s in components["comp-b"]["statements"]] == ["2.1", "2.2"]
    json.dumps(payload)  # storable as it is


def test_rationale_only_when_chosen():
    payload = build_share_payload(_assessment(), Scope(rationale=True))
    assert payload["positions"]["a-1"]["rationale"] == "Most teams do this."


def test_survey_figures_are_the_organisation_level_cells_only():
    payload = build_share_payload(_assessment(), Scope(survey=True))
    survey = payload["survey"]
    # a-1: 2,3,4,4,5 -> median 4, type 7 quartiles 3 and 4.
    a1 = survey["statements"]["a-1"]
    assert (a1["n"], a1["rated"], a1["median"], a1["q1"], a1["q3"]) == (5, 5, 4, 3, 4)
    # a-2: four rated (1,1,2,3) and one don't know: median 1.5, share 1/5.
    a2 = survey["statements"]["a-2"]
    assert (a2["n"], a2["rated"], a2["median"], a2["dont_know_share"]) == (5, 4, 1.5, 0.2)
    # b-1 has two rated answers, under k = 3: not shown, so not shared.
    assert "b-1" not in survey["statements"]
    # comp-a pools a-1 and a-2 (a-3 unanswered): 1,1,2,2,3,3,4,4,5 -> median 3.
    assert survey["components"]["comp-a"]["median"] == 3
    assert survey["components"]["comp-a"]["statements_pooled"] == 2
    text = json.dumps(payload)
    assert "Private comment" not in text
    assert "Board" not in text  # no group is named, so no group figure is there


def test_nothing_to_share_without_positions_or_release():
    bare = answered_assessment(answers=ANSWERS)
    with pytest.raises(NothingToShare):
        build_share_payload(bare, Scope())
    unreleased = answered_assessment(answers=ANSWERS, positions=POSITIONS)
    with pytest.raises(NothingToShare):
        build_share_payload(unreleased, Scope(survey=True))
    assert build_share_payload(unreleased, Scope())["positions"]


def test_sharing_again_replaces_and_withdrawing_removes_everything():
    assessment = _assessment()
    member = SystemMemberFactory(organisation=assessment.organisation)
    system = member.system
    first = sharing.share(
        assessment, audience=Audience.SYSTEM, system=system, scope=Scope(), actor=None
    )
    LearningNote.objects.create(
        share=first, statement_id="a-1", text="Coaching.", contact_role="Head of QI"
    )
    again = sharing.share(
        assessment, audience=Audience.SYSTEM, system=system, scope=Scope(survey=True), actor=None
    )
    assert again.pk == first.pk and Share.objects.count() == 1
    assert again.survey and again.release_number == 1 and "survey" in again.payload
    assert again.notes.count() == 1
    sharing.withdraw(again, actor=None)
    assert Share.objects.count() == 0 and LearningNote.objects.count() == 0
    for organisation in (assessment.organisation, system.organisation):
        actions = list(
            AuditEvent.objects.filter(organisation=organisation)
            .order_by("id")
            .values_list("action", flat=True)
        )
        assert actions[-3:] == [Action.SHARED, Action.SHARED, Action.SHARE_WITHDRAWN]


def test_peer_share_has_no_system():
    assessment = _assessment()
    saved = sharing.share(assessment, audience=Audience.PEERS, scope=Scope(), actor=None)
    assert saved.system is None
    assert AuditEvent.objects.filter(
        organisation=assessment.organisation, action=Action.SHARED
    ).exists()


def test_a_system_the_organisation_is_not_a_member_of_is_refused():
    from selfassess.systems.tests.factories import SystemFactory

    assessment = _assessment()
    with pytest.raises(sharing.NotAMember):
        sharing.share(
            assessment, audience=Audience.SYSTEM, system=SystemFactory(), scope=Scope(), actor=None
        )
    assert not Share.objects.exists()
