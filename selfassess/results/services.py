"""Loading what every results page needs, with a fixed number of queries.

Every figure comes from a *release* read through the disclosure gate
(``selfassess.disclosure.gate``): the latest one unless a page asks for an earlier one. A
results page costs the same whatever the size of the assessment: one scoped lookup of the
assessment, one permission check, the groups and one read of the frozen release, whose counts
feed the analysis. Nothing here reads participants' answers.
"""

from dataclasses import dataclass
from functools import cached_property

from django.http import Http404

from selfassess.analysis import AssessmentAnalysis, Summary
from selfassess.assessments.models import Assessment, ParticipantGroup
from selfassess.assessments.views import assessment_for
from selfassess.charts import ScaleLevel
from selfassess.disclosure import gate
from selfassess.disclosure.models import Release
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
    """One assessment's results as released: the release (None before the first), the groups
    in order and the analysis of what the release may show."""

    assessment: Assessment
    groups: list[ParticipantGroup]
    analysis: AssessmentAnalysis
    release: Release | None = None

    @property
    def framework(self) -> Framework:
        return self.assessment.framework

    @cached_property
    def has_answers(self) -> bool:
        """True when the release shows at least one figure."""
        if self.release is None:
            return False
        return any(
            result.withheld is None
            or any(isinstance(figures, Summary) for figures in result.groups.values())
            for result in self.analysis.statements.values()
        )

    @cached_property
    def not_released(self) -> str | None:
        """Why there are no figures to show, in words for the page; None when there are."""
        if self.release is None:
            return gate.NOT_RELEASED
        if not self.has_answers:
            return (
                f"{self.release.label} shows no figures: no statement has at least "
                f"{self.release.k} people's rated answers that can be shown without singling "
                "anyone out."
            )
        return None

    @cached_property
    def notes(self) -> list[str]:
        return gate.release_notes(self.release)

    @cached_property
    def comments(self) -> dict:
        """``{statement_id: [Comment]}``: the release's comments, withheld ones left out."""
        return gate.comments_of(self.assessment, self.release)

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


def results_for(assessment, release: Release | None = None) -> Results:
    """The released results of an assessment the caller has already checked access to (the
    workshop, the board report and the downloads build on the same figures as the results
    pages): the latest release unless ``release`` names another."""
    release = release or gate.latest_release(assessment)
    groups = list(assessment.groups.all())
    if release is not None:
        order = {group_id: index for index, (group_id, _name) in enumerate(release.groups)}
        groups = sorted((g for g in groups if g.pk in order), key=lambda g: order[g.pk])
    return Results(assessment, groups, gate.analysis_of(assessment, release), release)
