"""What a member shares of one assessment, built in one place.

``build_share_payload(assessment, scope)`` is the only thing that decides what of a member
leaves it for a system or the peer comparison. It is used for the preview (what the member's
admin sees before sharing) and for the share itself, so the preview is exactly what the other
side will see. Survey figures come only from the assessment's latest release, read through the
disclosure gate, and only the cells the gate shows for everyone (the organisation level):
never a group's figures, never a participant's comment.

``share``, ``withdraw`` and ``unshare_all`` write shares and record each in the audit log of
the member organisation (and, for a system, of the system organisation too, so both sides can
see when something was shared or withdrawn).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from django.db import transaction
from django.utils import timezone

from selfassess.assessments.models import ConsensusRating
from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.disclosure import gate

from .models import Audience, LearningNote, MemberStatus, Share, SystemMember

PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class Scope:
    """What a share holds beyond the agreed levels: the rationale, the survey summaries."""

    rationale: bool = False
    survey: bool = False

    @property
    def label(self) -> str:
        parts = ["agreed positions"]
        parts.append("with their rationale" if self.rationale else "without the rationale")
        if self.survey:
            parts.append("and the released survey summaries")
        return " ".join(parts)


class NotAMember(Exception):
    """The assessment's organisation is not a current member of the system."""


class NothingToShare(Exception):
    """The assessment has nothing of the chosen scope yet; the message says what is missing."""


def _figures(summary) -> dict | None:
    if summary is None or summary.rated == 0:
        return None
    return {
        "n": summary.n,
        "rated": summary.rated,
        "dont_know_share": summary.dont_know_share,
        "median": summary.median,
        "q1": summary.q1,
        "q3": summary.q3,
        "rwg": summary.rwg,
        "contested": summary.contested,
    }


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def _survey(assessment) -> dict | None:
    release = gate.latest_release(assessment)
    if release is None:
        return None
    analysis = gate.analysis_of(assessment, release)
    statements = {}
    for sid, result in analysis.statements.items():
        shown = None if result.withheld else _figures(result.overall)
        if shown:
            statements[sid] = shown
    components = {}
    for cid, result in analysis.components.items():
        shown = _figures(result.overall)
        if shown and result.statements_pooled:
            components[cid] = {**shown, "statements_pooled": result.statements_pooled}
    if not statements:
        return None
    return {
        "release": {
            "number": release.number,
            "kind": release.kind,
            "final": release.is_final,
            "made_at": release.made_at.isoformat(),
            "people": release.people,
            "k": release.k,
        },
        "statements": statements,
        "components": components,
    }


def build_share_payload(assessment, scope: Scope) -> dict:
    """Everything the audience of a share of ``assessment`` with ``scope`` may see.

    Raises ``NothingToShare`` when there is no agreed position yet, or when the scope asks for
    survey summaries and no release shows any figure for everyone.

    The shape (version 1); every key is always present unless marked optional::

        {
          "version": 1,
          "organisation": {"name": str, "ods_code": str, "type": str},
          "assessment": {"cycle_label": str, "status": str},
          "framework": {"id": str, "version": str, "title": str,
                        "levels": [int, ...]},          # the scale's level values
          "scope": {"rationale": bool, "survey": bool},
          "built_at": ISO 8601 datetime,
          "components": [                               # framework order
            {"id": str, "title": str,
             "current": float | None, "target": float | None,   # medians of its statements'
             "statements": [{"id": str, "number": "2.3", "text": str}, ...]},
          ],
          "positions": {                                # statements with an agreed position
            statement_id: {"current": int | None, "target": int | None,
                           "rationale": str},           # "rationale" only with scope.rationale
          },
          "survey": {                                   # only with scope.survey
            "release": {"number": int, "kind": "snapshot" | "closing", "final": bool,
                        "made_at": ISO 8601, "people": int, "k": int},
            "statements": {statement_id: FIGURES},      # only cells shown for everyone
            "components": {component_id: FIGURES + {"statements_pooled": int}},
          },
        }

    where FIGURES is ``{"n", "rated", "dont_know_share", "median", "q1", "q3", "rwg",
    "contested"}`` for everyone who answered. No group breakdown and no comment is ever in
    a payload. A component's "current" and "target" are the medians of the agreed current
    and target levels of its statements that have one (None if none).
    """
    framework = assessment.framework
    ratings = {
        r.statement_id: r
        for r in ConsensusRating.objects.filter(assessment=assessment).order_by("statement_id")
    }
    known = {s.id for s in framework.statements()}
    positions = {}
    for sid, rating in ratings.items():
        if sid not in known or (rating.current_level is None and rating.target_level is None):
            continue
        position = {"current": rating.current_level, "target": rating.target_level}
        if scope.rationale:
            position["rationale"] = rating.rationale
        positions[sid] = position
    if not positions:
        raise NothingToShare(
            "This assessment has no agreed positions yet. Record the current and target "
            "levels in the workshop first, then share them."
        )
    components = []
    for c_index, component in enumerate(framework.components, start=1):
        mine = [positions[s.id] for s in component.statements if s.id in positions]
        components.append(
            {
                "id": component.id,
                "title": component.title,
                "current": _median([p["current"] for p in mine if p["current"] is not None]),
                "target": _median([p["target"] for p in mine if p["target"] is not None]),
                "statements": [
                    {"id": s.id, "number": f"{c_index}.{s_index}", "text": s.text}
                    for s_index, s in enumerate(component.statements, start=1)
                ],
            }
        )
    organisation = assessment.organisation
    payload = {
        "version": PAYLOAD_VERSION,
        "organisation": {
            "name": organisation.name,
            "ods_code": organisation.ods_code,
            "type": organisation.organisation_type,
        },
        "assessment": {"cycle_label": assessment.cycle_label, "status": assessment.status},
        "framework": {
            "id": assessment.framework_version.framework_id,
            "version": assessment.framework_version.version,
            "title": assessment.framework_version.title,
            "levels": list(framework.scale.values),
        },
        "scope": {"rationale": scope.rationale, "survey": scope.survey},
        "built_at": timezone.now().isoformat(),
        "components": components,
        "positions": positions,
    }
    if scope.survey:
        survey = _survey(assessment)
        if survey is None:
            raise NothingToShare(
                "This assessment has no released survey figures that can be shown for the "
                "whole organisation. Share the agreed positions alone, or release results first."
            )
        payload["survey"] = survey
    return payload


def _audience_label(audience, system) -> str:
    return system.name if audience == Audience.SYSTEM else "the peer comparison"


def _record(share_or_none, *, assessment, audience, system, actor, action, summary, details):
    record(
        organisation=assessment.organisation,
        actor=actor,
        action=action,
        summary=summary,
        details=details,
    )
    if audience == Audience.SYSTEM and system is not None:
        record(
            organisation=system.organisation,
            actor=actor,
            action=action,
            summary=summary,
            details=details,
        )


@transaction.atomic
def share(assessment, *, audience, system=None, scope: Scope, actor) -> Share:
    """Share (or share again, replacing the copy) ``assessment`` with an audience.

    A system sees only its current members' shares and its own organisation's, so sharing
    with any other system is refused (``NotAMember``)."""
    if audience == Audience.SYSTEM:
        own = system.organisation_id == assessment.organisation_id
        member = SystemMember.objects.filter(
            system=system, organisation=assessment.organisation, status=MemberStatus.ACTIVE
        ).exists()
        if not (own or member):
            raise NotAMember(f"{assessment.organisation} is not a member of {system}.")
    payload = build_share_payload(assessment, scope)
    release_number = payload["survey"]["release"]["number"] if scope.survey else None
    # No ordering: the default one joins the system's organisation, which PostgreSQL cannot
    # lock on the nullable side of an outer join (a peer share has no system).
    found = (
        Share.objects.select_for_update()
        .filter(assessment=assessment, audience=audience, system=system)
        .order_by()
    )
    existing = found.first()
    values = {
        "rationale": scope.rationale,
        "survey": scope.survey,
        "release_number": release_number,
        "payload": payload,
        "shared_by": actor,
        "shared_at": timezone.now(),
    }
    if existing is None:
        saved = Share.objects.create(
            assessment=assessment, audience=audience, system=system, **values
        )
    else:
        found.update(**values)
        saved = Share.objects.get(pk=existing.pk)
    to = _audience_label(audience, system)
    verb = "Shared again" if existing else "Shared"
    _record(
        saved,
        assessment=assessment,
        audience=audience,
        system=system,
        actor=actor,
        action=Action.SHARED,
        summary=f"{assessment.organisation.name}: {verb.lower()} {assessment} ({scope.label}) "
        f"with {to}",
        details={
            "assessment": assessment.pk,
            "audience": audience,
            "system": system.pk if system else None,
            "rationale": scope.rationale,
            "survey": scope.survey,
            "release": release_number,
        },
    )
    return saved


@transaction.atomic
def withdraw(share_row: Share, *, actor) -> None:
    """Remove a share, and the learning notes beside it, from every view at once."""
    assessment, audience, system = share_row.assessment, share_row.audience, share_row.system
    notes = LearningNote.objects.filter(share=share_row).count()
    share_row.delete()
    _record(
        None,
        assessment=assessment,
        audience=audience,
        system=system,
        actor=actor,
        action=Action.SHARE_WITHDRAWN,
        summary=f"{assessment.organisation.name}: withdrew the share of {assessment} with "
        f"{_audience_label(audience, system)}",
        details={
            "assessment": assessment.pk,
            "audience": audience,
            "system": system.pk if system else None,
            "notes": notes,
        },
    )
