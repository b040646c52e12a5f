"""Building cycles for tests: answers, agreed levels and plan actions, given by hand."""

from selfassess.assessments.models import ConsensusRating, Response
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    FrameworkVersionFactory,
    ParticipantFactory,
    ParticipantGroupFactory,
    small_framework,
)
from selfassess.plans.models import Action


def answers(assessment, group, statement_levels):
    """People of ``group``: ``statement_levels`` maps a statement id to a list of levels
    (None for don't know), person by person; all lists the same length."""
    people = len(next(iter(statement_levels.values())))
    for index in range(people):
        person = ParticipantFactory(assessment=assessment, group=group)
        Response.objects.bulk_create(
            Response(participant=person, statement_id=sid, level=levels[index])
            for sid, levels in statement_levels.items()
        )


def make_cycle(
    organisation,
    label,
    statement_levels,
    *,
    framework=None,
    status="complete",
    agreed=None,
    actions=(),
    previous=None,
):
    """A cycle of one group (k = 3) with the given answers, agreed levels and plan."""
    version = FrameworkVersionFactory(framework=framework or small_framework())
    assessment = AssessmentFactory(
        organisation=organisation,
        framework_version=version,
        cycle_label=label,
        anonymity_threshold=3,
        previous=previous,
    )
    group = ParticipantGroupFactory(assessment=assessment, name="Everyone")
    if statement_levels:
        answers(assessment, group, statement_levels)
    for target in {
        "draft": [],
        "open": ["open"],
        "closed": ["open", "closed"],
        "complete": ["open", "closed", "complete"],
    }[status]:
        assessment.transition_to(target)
    for statement_id, level in (agreed or {}).items():
        ConsensusRating.objects.create(
            assessment=assessment, statement_id=statement_id, current_level=level
        )
    for title, status_, statement_ids, component_ids in actions:
        Action.objects.create(
            assessment=assessment,
            title=title,
            status=status_,
            statement_ids=list(statement_ids),
            component_ids=list(component_ids),
        )
    return assessment
