"""Reading cycles from the database for the comparison and the trend.

Each cycle costs a fixed number of queries: its latest release (read through the disclosure
gate, so a comparison shows only what each cycle's results pages show), its consensus ratings
and its plan's actions. Nothing here checks
access: views check it first, with the assessments app's scoped helpers.
"""

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment
from selfassess.disclosure import gate
from selfassess.plans.models import Action

from .comparison import Cycle, PlanAction


class NotComparableCycles(ValueError):
    """Two assessments that are not cycles of one organisation's same framework."""


def cycle(assessment) -> Cycle:
    agreed = dict(
        assessment.consensus_ratings.filter(current_level__isnull=False).values_list(
            "statement_id", "current_level"
        )
    )
    actions = tuple(
        PlanAction(
            title=action.title,
            status=action.status,
            statement_ids=tuple(action.statement_ids or ()),
            component_ids=tuple(action.component_ids or ()),
        )
        for action in Action.objects.filter(assessment=assessment).order_by("pk")
    )
    return Cycle(
        key=assessment.pk,
        label=assessment.cycle_label,
        framework=assessment.framework,
        analysis=gate.analysis_of(assessment, gate.latest_release(assessment)),
        agreed=agreed,
        actions=actions,
    )


def check_comparable(earlier, later):
    if earlier.pk == later.pk:
        raise NotComparableCycles("Choose two different cycles to compare.")
    if earlier.organisation_id != later.organisation_id:
        raise NotComparableCycles("Only cycles of the same organisation can be compared.")
    if earlier.framework_version.framework_id != later.framework_version.framework_id:
        raise NotComparableCycles(
            "These cycles used different frameworks, so their statements cannot be matched."
        )


def comparable_cycles(assessment):
    """Every cycle of the assessment's organisation on the same framework that people have
    answered (not drafts), oldest first: the choices on the comparison page."""
    return list(
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            framework_version__framework_id=assessment.framework_version.framework_id,
        )
        .exclude(status=Status.DRAFT)
        .select_related("framework_version", "organisation")
        .order_by("created_at", "pk")
    )


def cycle_chain(assessment):
    """The assessment and the cycles it follows on from (through ``previous``), oldest first.

    Only cycles of the same organisation count, and a loop of previous links (which the
    service never makes, but the database would allow) ends the chain rather than hanging.
    """
    chain, seen, current = [], set(), assessment
    while current is not None and current.pk not in seen:
        if current.organisation_id != assessment.organisation_id:
            break
        seen.add(current.pk)
        chain.append(current)
        current = (
            Assessment.objects.select_related("framework_version", "organisation")
            .filter(pk=current.previous_id)
            .first()
            if current.previous_id
            else None
        )
    chain.reverse()
    return chain


def answered_chain(assessment):
    """The chain without drafts: cycles people have been able to answer."""
    return [a for a in cycle_chain(assessment) if a.status != Status.DRAFT]
