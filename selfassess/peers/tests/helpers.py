"""Peers that share agreed positions with the peer comparison, through the real sharing code."""

from selfassess.organisations.models import Region
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory
from selfassess.systems import sharing
from selfassess.systems.models import Audience
from selfassess.systems.tests.factories import answered_assessment


def peer(name, levels, *, region=Region.LONDON, opted_in=True, rationale="", **context):
    """An organisation that shared ``levels`` ({statement: (current, target)}) with peers."""
    organisation = OrganisationFactory(
        name=name, region=region, peer_comparison=opted_in, **context
    )
    assessment = answered_assessment(
        organisation, positions={sid: (c, t, rationale) for sid, (c, t) in levels.items()}
    )
    share = sharing.share(
        assessment,
        audience=Audience.PEERS,
        scope=sharing.Scope(rationale=bool(rationale)),
        actor=None,
    )
    return organisation, share


def viewer(levels, role="viewer", **kwargs):
    organisation, share = peer("Viewing NHS Trust", levels, **kwargs)
    member = MembershipFactory(organisation=organisation, role=role)
    return organisation, share, member.user
