"""The peers a comparison may use: only their shares to "peers", never their live data.

Two sources, read the same way: shares to the peer comparison made on this deployment (by
organisations that opted in), and shares received in signed files from trusted deployments
(``selfassess.exchange``) that have not expired. Each peer organisation counts once, by its
newest share of the framework; a withdrawn share is gone from both tables, so it is gone from
every comparison at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from selfassess.exchange.models import ReceivedShare
from selfassess.systems.models import Audience, Share

from .forms import CONTEXT_ATTRIBUTES


@dataclass(frozen=True)
class Peer:
    key: str  # names the frozen copy, so a newer share counts as a new member
    context: dict
    payload: dict


def context_of(organisation) -> dict:
    return {name: getattr(organisation, name) or "" for name in CONTEXT_ATTRIBUTES}


def own_peer_shares(organisation):
    return list(
        Share.objects.filter(audience=Audience.PEERS, assessment__organisation=organisation)
        .select_related("assessment__framework_version")
        .order_by("-shared_at", "-pk")
    )


def _framework_id(payload) -> str:
    framework = payload.get("framework") if isinstance(payload, dict) else None
    return framework.get("id", "") if isinstance(framework, dict) else ""


def peers_for(viewer, framework_id: str) -> list[Peer]:
    newest: dict[tuple, Peer] = {}
    local = (
        Share.objects.filter(
            audience=Audience.PEERS,
            assessment__organisation__peer_comparison=True,
            assessment__framework_version__framework_id=framework_id,
        )
        .exclude(assessment__organisation=viewer)
        .select_related("assessment__organisation")
        .order_by("shared_at", "pk")
    )
    for share in local:
        organisation = share.assessment.organisation
        newest[("here", organisation.pk)] = Peer(
            key=f"here:{share.pk}:{share.shared_at.isoformat()}",
            context=context_of(organisation),
            payload=share.payload,
        )
    received = (
        ReceivedShare.objects.filter(expires_at__gt=timezone.now())
        .select_related("sender")
        .order_by("issued_at", "pk")
    )
    for share in received:
        payload = share.payload
        if _framework_id(payload) != framework_id:
            continue
        sender_org = payload.get("organisation") or {}
        ods = sender_org.get("ods_code") or ""
        if ods and ods == viewer.ods_code:
            continue  # the viewer's own file, read back in
        identity = ods or sender_org.get("name") or share.share_id
        newest[("file", share.sender_id, identity)] = Peer(
            key=f"file:{share.sender_id}:{share.share_id}",
            context={k: str(share.context.get(k, "")) for k in CONTEXT_ATTRIBUTES},
            payload=payload,
        )
    return list(newest.values())


def matching(peers: list[Peer], chosen: dict[str, set[str]]) -> list[Peer]:
    return [p for p in peers if all(p.context.get(k) in values for k, values in chosen.items())]
