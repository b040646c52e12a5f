"""The system view: what its members shared, side by side, read from the shares alone.

Everything here comes from ``Share.payload`` (what each member chose to share, frozen when
shared) and from the learning notes beside the shares; nothing reads a member's assessments,
answers or agreed positions directly, so a withdrawn share is gone from every figure at once.
The cost is a fixed number of queries whatever the number of members: the system's current
members, the shares with the system, and the notes.

Members are compared on one framework (the default framework when any member shared on it,
otherwise the one most shares use); shares on another framework are listed, not compared.
Each member is shown by its latest shared cycle; every shared cycle feeds the trend. A
predecessor's shares (see ``Succession``) count as its successor's, marked as such.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from selfassess.analysis.across import (
    AcrossMembers,
    across_members,
    high_level,
    rating_highly,
    strongest_and_weakest,
)
from selfassess.frameworks.models import DEFAULT_FRAMEWORK_ID

from .models import LearningNote, MemberStatus, Share, Succession, SystemMember


@dataclass(frozen=True)
class SharedCycle:
    """One member's share of one cycle, as the system sees it."""

    share_id: int
    member: str  # the name the system knows the member by (a successor's, after a merger)
    from_name: str  # the organisation that shared it
    payload: dict

    @property
    def cycle(self) -> str:
        return self.payload["assessment"]["cycle_label"]

    @property
    def carried_on(self) -> bool:
        """True when a predecessor shared it and the member carries it on."""
        return self.member != self.from_name

    def current(self, statement_id):
        return (self.payload["positions"].get(statement_id) or {}).get("current")

    def target(self, statement_id):
        return (self.payload["positions"].get(statement_id) or {}).get("target")

    def rationale(self, statement_id):
        return (self.payload["positions"].get(statement_id) or {}).get("rationale")

    def survey_median(self, item_id, *, component=False):
        survey = self.payload.get("survey")
        if not survey:
            return None
        figures = survey["components" if component else "statements"].get(item_id)
        return figures["median"] if figures else None

    def component(self, component_id) -> dict:
        return next((c for c in self.payload["components"] if c["id"] == component_id), {})

    @property
    def shared_survey(self) -> bool:
        return "survey" in self.payload


@dataclass(frozen=True)
class Note:
    member: str
    statement_id: str
    text: str
    contact_role: str
    current: int | None


@dataclass
class SystemPicture:
    system: object
    members: list[str]  # current members' names, in name order
    invited: list[str]
    latest: dict[str, SharedCycle]  # member -> latest shared cycle on the compared framework
    cycles: list[SharedCycle]  # every shared cycle on the compared framework
    own: SharedCycle | None  # the system's own assessment, when it shared it with itself
    other_framework: list[SharedCycle]
    notes: list[Note] = field(default_factory=list)

    @cached_property
    def structure(self) -> dict | None:
        """The framework as the latest share describes it: components and statements."""
        everything = list(self.latest.values()) + ([self.own] if self.own else [])
        if not everything:
            return None
        newest = max(everything, key=lambda c: c.payload["built_at"])
        return {
            "framework": newest.payload["framework"],
            "components": newest.payload["components"],
        }

    @property
    def components(self) -> list[dict]:
        return self.structure["components"] if self.structure else []

    @property
    def levels(self) -> list[int]:
        return self.structure["framework"]["levels"] if self.structure else []

    @cached_property
    def statement_ids(self) -> list[str]:
        return [s["id"] for c in self.components for s in c["statements"]]

    @cached_property
    def statement_refs(self) -> dict[str, dict]:
        return {s["id"]: s for c in self.components for s in c["statements"]}

    @property
    def component_ids(self) -> list[str]:
        return [c["id"] for c in self.components]

    @property
    def shared_members(self) -> list[str]:
        return [m for m in self.members if m in self.latest]

    def _figures(self, value) -> dict:
        return {m: value(self.latest[m]) for m in self.shared_members}

    def statement_figures(self, kind: str) -> dict:
        """{member: {statement: figure}} for kind "current", "target" or "survey"."""
        read = {
            "current": lambda c, s: c.current(s),
            "target": lambda c, s: c.target(s),
            "survey": lambda c, s: c.survey_median(s),
        }[kind]
        return self._figures(lambda c: {s: read(c, s) for s in self.statement_ids})

    def component_figures(self, kind: str) -> dict:
        def read(c, cid):
            if kind == "survey":
                return c.survey_median(cid, component=True)
            return c.component(cid).get(kind)

        return self._figures(lambda c: {cid: read(c, cid) for cid in self.component_ids})

    @cached_property
    def across_statements(self) -> dict[str, dict[str, AcrossMembers]]:
        return {
            kind: across_members(self.statement_figures(kind), self.statement_ids)
            for kind in ("current", "target", "survey")
        }

    @cached_property
    def across_components(self) -> dict[str, dict[str, AcrossMembers]]:
        return {
            kind: across_members(self.component_figures(kind), self.component_ids)
            for kind in ("current", "target", "survey")
        }

    @cached_property
    def strongest_weakest_components(self):
        return strongest_and_weakest(self.across_components["current"], count=1)

    @cached_property
    def strongest_weakest_statements(self):
        return strongest_and_weakest(self.across_statements["current"], count=3)

    @cached_property
    def high(self) -> int | None:
        return high_level(self.levels) if len(set(self.levels)) >= 2 else None

    @cached_property
    def rating_highly(self) -> dict[str, list[str]]:
        if self.high is None:
            return {}
        figures = self.statement_figures("current")
        return {s: rating_highly(figures, s, self.high) for s in self.statement_ids}

    def notes_on(self, statement_id) -> list[Note]:
        return [n for n in self.notes if n.statement_id == statement_id]

    def offering(self, statement_id) -> list[Note]:
        """Notes from members at the high level or above on this statement."""
        if self.high is None:
            return []
        return [
            n
            for n in self.notes_on(statement_id)
            if n.current is not None and n.current >= self.high
        ]

    @cached_property
    def joins(self) -> list[tuple[str, str, str]]:
        """(member, predecessor, cycle) for each cycle a member carries on from a
        predecessor, so pages can mark where one organisation's series joins another's."""
        return sorted(
            {(c.member, c.from_name, c.cycle) for c in self.cycles if c.carried_on},
            key=lambda j: (j[0].casefold(), j[2]),
        )

    @cached_property
    def trend(self) -> tuple[list[str], dict[str, list[float | None]]]:
        """Cycle labels (sorted) and, per component, the median across members of the
        members' agreed current level in each cycle."""
        labels = sorted({c.cycle for c in self.cycles})
        # One figure per member and cycle: the latest share of that cycle (cycles are oldest
        # first, so a later one replaces an earlier one).
        by_label: dict[str, dict[str, SharedCycle]] = {label: {} for label in labels}
        for cycle in self.cycles:
            by_label[cycle.cycle][cycle.member] = cycle
        rows = {}
        for cid in self.component_ids:
            medians = []
            for label in labels:
                figures = {
                    member: {cid: c.component(cid).get("current")}
                    for member, c in by_label[label].items()
                }
                medians.append(across_members(figures, [cid])[cid].median)
            rows[cid] = medians
        return labels, rows


def _successor_names(system) -> dict[int, tuple[int, str]]:
    """{predecessor organisation id: (successor id, successor name)}, followed to the end."""
    rows = list(
        Succession.objects.select_related("successor").values_list(
            "predecessor_id", "successor_id", "successor__name"
        )
    )
    direct = {p: (s, name) for p, s, name in rows}
    out = {}
    for predecessor in direct:
        seen, current = set(), direct[predecessor]
        while current[0] in direct and current[0] not in seen:
            seen.add(current[0])
            current = direct[current[0]]
        out[predecessor] = current
    return out


def system_picture(system) -> SystemPicture:
    memberships = list(
        SystemMember.objects.filter(
            system=system, status__in=[MemberStatus.ACTIVE, MemberStatus.INVITED]
        ).values_list("organisation_id", "organisation__name", "status")
    )
    active = {org_id: name for org_id, name, status in memberships if status == MemberStatus.ACTIVE}
    invited = sorted(
        (name for _id, name, status in memberships if status == MemberStatus.INVITED),
        key=str.casefold,
    )
    successors = _successor_names(system)
    shares = list(
        Share.objects.filter(system=system)
        .select_related("assessment__organisation")
        .order_by("shared_at", "pk")
    )
    own_org = system.organisation_id
    cycles, own = [], None
    for share in shares:
        org = share.assessment.organisation
        if org.pk == own_org:
            candidate = SharedCycle(share.pk, org.name, org.name, share.payload)
            if own is None or candidate.payload["built_at"] >= own.payload["built_at"]:
                own = candidate
            continue
        if org.pk in successors and successors[org.pk][0] in active:
            member = successors[org.pk][1]  # carried on by a member: shown as that member's
        elif org.pk in active:
            member = org.name
        else:
            continue  # no longer a member: its shares are not shown
        cycles.append(SharedCycle(share.pk, member, org.name, share.payload))
    framework_ids = Counter(c.payload["framework"]["id"] for c in cycles)
    if own:
        framework_ids.setdefault(own.payload["framework"]["id"], 0)
    chosen = (
        DEFAULT_FRAMEWORK_ID
        if DEFAULT_FRAMEWORK_ID in framework_ids
        else (framework_ids.most_common(1)[0][0] if framework_ids else None)
    )
    compared = [c for c in cycles if c.payload["framework"]["id"] == chosen]
    other = [c for c in cycles if c.payload["framework"]["id"] != chosen]
    latest: dict[str, SharedCycle] = {}
    for cycle in compared:  # oldest first, so the last one wins; a member's own beats carried
        held = latest.get(cycle.member)
        if held is None or (cycle.cycle, not cycle.carried_on) >= (held.cycle, not held.carried_on):
            latest[cycle.member] = cycle
    if own and own.payload["framework"]["id"] != chosen:
        own = None
    carried = {p for p, (s, _name) in successors.items() if s in active and p in active}
    names = sorted(
        (name for pk, name in active.items() if pk not in carried),
        key=lambda n: (n.casefold(), n),
    )
    picture = SystemPicture(system, names, invited, latest, compared, own, other)
    shown_ids = {c.share_id: c for c in latest.values()}
    for share_id, sid, text, role in LearningNote.objects.filter(
        share_id__in=list(shown_ids)
    ).values_list("share_id", "statement_id", "text", "contact_role"):
        cycle = shown_ids[share_id]
        picture.notes.append(Note(cycle.member, sid, text, role, cycle.current(sid)))
    picture.notes.sort(key=lambda n: (n.member.casefold(), n.statement_id))
    return picture
