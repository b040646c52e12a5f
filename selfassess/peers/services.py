"""A peer comparison page's figures: the viewer's own share beside the spread of its peers'.

Everything comes from shares: the viewer's own share to peers (so the viewer sees itself as
its peers see it) and the peers' shares (``selectors``). ``selfassess.analysis.peers`` decides
what may be shown; this module only gathers the figures and keeps the memory of shown sets
(``ShownPeerSet``) that its differencing rule needs. The memory is written, in the same
transaction that reads it and with the viewer's row locked, before anything is shown, so two
pages loaded at once cannot each show a set the other would have refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction

from selfassess.analysis import peers as rules
from selfassess.organisations.models import Organisation

from .models import ShownPeerSet
from .selectors import matching, peers_for

MEASURES = {
    "current": "Agreed current level",
    "target": "Agreed target level",
    "survey": "Survey median",
}


def to_position(value, levels) -> float | None:
    """A figure in level values as a level position (1 = lowest), between levels pro rata."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not levels:
        return None
    for index, level in enumerate(levels):
        if value == level:
            return float(index + 1)
        if index + 1 < len(levels) and level < value < levels[index + 1]:
            return index + 1 + (value - level) / (levels[index + 1] - level)
    return None


def figures_of(payload: dict) -> dict[str, dict[str, float]]:
    """{scope: {measure: position}} for one share payload; scope "s:<id>" or "c:<id>"."""
    levels = (payload.get("framework") or {}).get("levels") or []
    found: dict[str, dict[str, float]] = {}

    def put(scope, measure, value):
        position = to_position(value, levels)
        if position is not None:
            found.setdefault(scope, {})[measure] = position

    for sid, agreed in (payload.get("positions") or {}).items():
        if isinstance(agreed, dict):
            put(f"s:{sid}", "current", agreed.get("current"))
            put(f"s:{sid}", "target", agreed.get("target"))
    for component in payload.get("components") or []:
        if isinstance(component, dict):
            put(f"c:{component.get('id')}", "current", component.get("current"))
            put(f"c:{component.get('id')}", "target", component.get("target"))
    survey = payload.get("survey") or {}
    for kind, key in (("s", "statements"), ("c", "components")):
        for item_id, summary in (survey.get(key) or {}).items():
            if isinstance(summary, dict):
                put(f"{kind}:{item_id}", "survey", summary.get("median"))
    return found


@dataclass
class Row:
    scope: str
    number: str
    text: str
    comparisons: dict[str, rules.Comparison] = field(default_factory=dict)


@dataclass
class ComponentBlock:
    id: str
    title: str
    rows: list[Row]


@dataclass
class PeerPage:
    peers: int
    components: list[ComponentBlock]
    measures: list[str]
    levels: list[int]

    @property
    def anything_shown(self) -> bool:
        return any(c.shown for b in self.components for r in b.rows for c in r.comparisons.values())


def _digest(members: frozenset) -> str:
    return hashlib.sha256(json.dumps(sorted(members)).encode()).hexdigest()


def _memory(viewer, framework_id) -> dict[str, list[frozenset]]:
    remembered: dict[str, list[frozenset]] = {}
    rows = ShownPeerSet.objects.filter(viewer=viewer, scope__startswith=f"{framework_id}|")
    for scope, members in rows.values_list("scope", "members"):
        remembered.setdefault(scope, []).append(frozenset(members))
    return remembered


@transaction.atomic
def build_page(viewer, own_share, chosen: dict[str, set[str]]) -> PeerPage:
    """The comparison of ``own_share`` (the viewer's share to peers) with the peers matching
    ``chosen`` context; every shown set is remembered before it is returned."""
    Organisation.objects.select_for_update().filter(pk=viewer.pk).first()
    payload = own_share.payload
    framework_id = payload["framework"]["id"]
    levels = list(payload["framework"]["levels"])
    pool = [
        p
        for p in matching(peers_for(viewer, framework_id), chosen)
        if list((p.payload.get("framework") or {}).get("levels") or []) == levels
    ]
    own = figures_of(payload)
    theirs = {p.key: figures_of(p.payload) for p in pool}
    memory = _memory(viewer, framework_id)
    measures = [m for m in MEASURES if m != "survey" or payload.get("survey")]
    remember: dict[tuple[str, str], frozenset] = {}
    blocks = []
    for c_index, component in enumerate(payload.get("components") or [], start=1):
        rows = [Row(f"c:{component['id']}", str(c_index), "The component as a whole")]
        rows += [
            Row(f"s:{s['id']}", s.get("number", ""), s.get("text", ""))
            for s in component.get("statements") or []
        ]
        for row in rows:
            for measure in measures:
                values = {
                    key: figs[row.scope][measure]
                    for key, figs in theirs.items()
                    if measure in figs.get(row.scope, {})
                }
                scope = f"{framework_id}|{measure}|{row.scope}"[:200]
                comparison = rules.compare(
                    own.get(row.scope, {}).get(measure), values, memory.get(scope, [])
                )
                if comparison.shown and comparison.members not in memory.get(scope, []):
                    remember[(scope, _digest(comparison.members))] = comparison.members
                row.comparisons[measure] = comparison
        blocks.append(ComponentBlock(component["id"], component.get("title", ""), rows))
    ShownPeerSet.objects.bulk_create(
        [
            ShownPeerSet(viewer=viewer, scope=scope, digest=digest, members=sorted(members))
            for (scope, digest), members in remember.items()
        ],
        ignore_conflicts=True,
    )
    return PeerPage(len(pool), blocks, measures, levels)
