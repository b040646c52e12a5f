"""Loading what every results page needs, with a fixed number of queries.

A results page costs the same whatever the size of the assessment: one scoped lookup of the
assessment (with its organisation and framework snapshot), one permission check, the groups,
and ONE aggregate count query feeding the analysis (``analyse_assessment``). Pages that show
comments add one more query. Nothing here loops over participants or responses.
"""

from dataclasses import dataclass
from functools import cached_property

from django.http import Http404

from selfassess.analysis import AssessmentAnalysis
from selfassess.assessments.counts import analyse_assessment
from selfassess.assessments.models import Assessment, ParticipantGroup
from selfassess.assessments.views import assessment_for
from selfassess.charts import ScaleLevel
from selfassess.frameworks.schema import Component, Framework, Statement

RESULTS_PERM = "organisations.view_results"


@dataclass(frozen=True)
class StatementRef:
    """A statement with its place in the framework: "2.3" is component 2, statement 3."""

    number: str
    statement: Statement
    component: Component


@dataclass
class Results:
    """One assessment's results: the assessment, its groups in order and the analysis."""

    assessment: Assessment
    groups: list[ParticipantGroup]
    analysis: AssessmentAnalysis

    @property
    def framework(self) -> Framework:
        return self.assessment.framework

    @cached_property
    def has_answers(self) -> bool:
        return any(result.overall.n for result in self.analysis.statements.values())

    @cached_property
    def scale_levels(self) -> list[ScaleLevel]:
        return [ScaleLevel(level.value, level.name) for level in self.framework.scale.levels]

    @cached_property
    def group_names(self) -> dict[str, str]:
        """Group names by the string ids the analysis uses."""
        return {str(group.pk): group.name for group in self.groups}

    @cached_property
    def statement_refs(self) -> dict[str, StatementRef]:
        return {
            statement.id: StatementRef(f"{c_index}.{s_index}", statement, component)
            for c_index, component in enumerate(self.framework.components, start=1)
            for s_index, statement in enumerate(component.statements, start=1)
        }

    def component(self, component_id: str) -> Component:
        """The framework's component with this id, or 404."""
        for component in self.framework.components:
            if component.id == component_id:
                return component
        raise Http404


def load_results(user, pk) -> Results:
    """The results of assessment ``pk``, if ``user`` may see them; otherwise 404.

    An assessment of another organisation is simply not found. Every role (viewer and up) may
    read results, so the permission check exists for the day a narrower role is added.
    """
    assessment = assessment_for(user, pk)
    if not user.has_perm(RESULTS_PERM, assessment.organisation):
        raise Http404
    return results_for(assessment)


def results_for(assessment) -> Results:
    """The results of an assessment the caller has already checked access to (the workshop,
    the board report and the downloads build on the same figures as the results pages)."""
    groups = list(assessment.groups.all())
    return Results(assessment, groups, analyse_assessment(assessment, groups))
