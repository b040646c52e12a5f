"""Running the checker over an assessment's saved plan.

The checker knows nothing of Django; this module turns actions into the checker's drafts and
works out, from the workshop's agreed levels, which components still have a gap.
"""

from dataclasses import dataclass, field

from selfassess.assessments.models import ConsensusRating

from .checker import ActionDraft, Finding, PlanContext, check_action, check_plan


def agreed_levels(assessment) -> dict[str, ConsensusRating]:
    """The workshop's agreed ratings by statement id (statements not yet agreed are absent)."""
    return {r.statement_id: r for r in ConsensusRating.objects.filter(assessment=assessment)}


def gap_of(rating) -> int | None:
    """Target minus current, when both are agreed."""
    if rating is None or rating.current_level is None or rating.target_level is None:
        return None
    return rating.target_level - rating.current_level


def plan_context(framework, ratings) -> PlanContext:
    statement_components = {
        statement.id: component.id
        for component in framework.components
        for statement in component.statements
    }
    with_gap = {
        component.id: component.title
        for component in framework.components
        if any((gap_of(ratings.get(s.id)) or 0) > 0 for s in component.statements)
    }
    return PlanContext(with_gap, statement_components, glossary_terms(framework))


def glossary_terms(framework) -> tuple[str, ...]:
    """The glossary's terms, which define the abbreviations an action may use."""
    return tuple(entry.term for entry in getattr(framework, "glossary", ()))


def draft_of(action) -> ActionDraft:
    return ActionDraft(
        ref=action.pk,
        title=action.title,
        description=action.description,
        owner=action.owner,
        due_on=action.due_on,
        measure=action.measure,
        horizon=action.horizon,
        status=action.status,
        statement_ids=list(action.statement_ids),
        component_ids=list(action.component_ids),
        planned_on=action.created_at.date() if action.created_at else None,
    )


@dataclass
class PlanReview:
    by_action: dict[int, list[Finding]] = field(default_factory=dict)
    plan: list[Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(f) for f in self.by_action.values()) + len(self.plan)


def review_plan(assessment, actions, today, ratings=None) -> PlanReview:
    ratings = agreed_levels(assessment) if ratings is None else ratings
    context = plan_context(assessment.framework, ratings)
    result = PlanReview({action.pk: [] for action in actions})
    for finding in check_plan([draft_of(a) for a in actions], today, context):
        if finding.ref is None:
            result.plan.append(finding)
        else:
            result.by_action[finding.ref].append(finding)
    return result


def review_action(action, today) -> list[Finding]:
    context = PlanContext(glossary=glossary_terms(action.assessment.framework))
    return check_action(draft_of(action), today, context)
