"""No page lets anyone learn one peer's figures, anything a peer did not share, or anything of
a share after it was withdrawn."""

import pytest
from django.test import Client

from selfassess.assessments.models import ConsensusRating
from selfassess.systems import sharing
from selfassess.systems.models import Audience, Share
from selfassess.systems.tests.factories import SystemMemberFactory

from .helpers import peer, viewer
from .test_comparison import expected_cell, row_for

pytestmark = pytest.mark.django_db


def html_of(user, organisation, **query):
    client = Client()
    client.force_login(user)
    return client.get(f"/organisations/{organisation.pk}/peers/", query).content.decode()


def test_no_peer_is_named_and_no_single_figure_or_rationale_is_shown():
    peers = [
        peer(f"Peer {i} NHS Trust", {"a-1": (level, 5)}, rationale=f"Secret reason {i}")
        for i, level in enumerate([1, 2, 3, 4, 5])
    ]
    organisation, _, user = viewer({"a-1": (3, 4)})
    html = html_of(user, organisation)
    for peer_organisation, _ in peers:
        assert peer_organisation.name not in html
    assert "Secret reason" not in html
    row = row_for(html, "1.1", "Agreed current level")
    # Only the quartiles 2, 3, 4: the lowest (1) and highest (5) peer never appear.
    assert expected_cell([1, 2, 3, 4, 5]) == "2, 3, 4"
    assert "2, 3, 4 (5 organisations)" in row


def test_only_what_was_shared_with_peers_counts():
    for i, level in enumerate([2, 2, 3, 3, 4]):
        peer(f"Peer {i} NHS Trust", {"a-1": (level, 5)})
    # Shared with a system only: not with peers.
    member = SystemMemberFactory()
    from selfassess.systems.tests.factories import answered_assessment

    only_system = answered_assessment(member.organisation, positions={"a-1": (1, 1, "")})
    member.organisation.peer_comparison = True
    member.organisation.save()
    sharing.share(
        only_system,
        audience=Audience.SYSTEM,
        system=member.system,
        scope=sharing.Scope(),
        actor=None,
    )
    # Opted out of the peer comparison although it once shared with peers.
    peer("Left NHS Trust", {"a-1": (1, 1)}, opted_in=False)
    # Shared with peers, then changed its live agreed position: the frozen copy counts.
    changed, _ = peer("Changed NHS Trust", {"a-1": (5, 5)})
    ConsensusRating.objects.filter(assessment__organisation=changed).update(current_level=1)
    organisation, _, user = viewer({"a-1": (3, 4)})
    row = row_for(html_of(user, organisation), "1.1", "Agreed current level")
    assert f"{expected_cell([2, 2, 3, 3, 4, 5])} (6 organisations)" in row
    # No survey was shared by anyone, so no survey figures are shown at all.
    assert "Survey median" not in html_of(user, organisation)


def test_a_survey_median_is_used_only_from_a_share_that_holds_it():
    shares = [peer(f"Peer {i} NHS Trust", {"a-1": (3, 5)})[1] for i in range(6)]
    medians = [1.5, 2, 2.5, 3, 4, 4.5]
    for share, median in zip(shares[:5], medians, strict=False):
        payload = share.payload
        payload["survey"] = {"statements": {"a-1": {"median": median}}, "components": {}}
        Share.objects.filter(pk=share.pk).update(payload=payload)
    organisation, own, user = viewer({"a-1": (3, 4)})
    payload = own.payload
    payload["survey"] = {"statements": {"a-1": {"median": 2.0}}, "components": {}}
    Share.objects.filter(pk=own.pk).update(payload=payload)
    row = row_for(html_of(user, organisation), "1.1", "Survey median")
    assert f"{expected_cell(medians[:5])} (5 organisations)" in row


def test_after_withdrawal_a_share_is_in_no_comparison():
    levels = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    shares = [peer(f"Peer {i} NHS Trust", {"a-1": (v, 5)})[1] for i, v in enumerate(levels)]
    organisation, _, user = viewer({"a-1": (3, 4)})
    assert expected_cell(levels) in row_for(
        html_of(user, organisation), "1.1", "Agreed current level"
    )
    sharing.withdraw(shares[0], actor=None)
    row = row_for(html_of(user, organisation), "1.1", "Agreed current level")
    assert "differ by fewer than 5 organisations" in row
    for share in shares[1:5]:
        sharing.withdraw(share, actor=None)
    row = row_for(html_of(user, organisation), "1.1", "Agreed current level")
    assert f"{expected_cell(levels[5:])} (5 organisations)" in row


def test_another_organisation_sees_nothing():
    for i, level in enumerate([1, 2, 3, 4, 5]):
        peer(f"Peer {i} NHS Trust", {"a-1": (level, 5)})
    organisation, _, _user = viewer({"a-1": (3, 4)})
    from selfassess.organisations.tests.factories import MembershipFactory

    outsider = MembershipFactory(role="admin").user
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/organisations/{organisation.pk}/peers/").status_code == 404
