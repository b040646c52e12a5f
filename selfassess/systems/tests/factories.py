"""Factories for systems, and a helper that gives an assessment answers and agreed positions."""

import factory

from selfassess.assessments.models import ConsensusRating, Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import OrganisationType
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.systems.models import MemberStatus, System, SystemKind, SystemMember


class SystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = System

    organisation = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Test {n} Integrated Care Board"),
        organisation_type=OrganisationType.ICB,
    )
    kind = SystemKind.ICB


class SystemMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SystemMember

    system = factory.SubFactory(SystemFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = MemberStatus.ACTIVE


def answered_assessment(organisation=None, *, answers=None, positions=None, **fields):
    """An assessment with survey answers (``{statement: [level or None, ...]}``, all in one
    group called Board) and agreed positions (``{statement: (current, target, rationale)}``)."""
    assessment = AssessmentFactory(
        **({"organisation": organisation} if organisation else {}), anonymity_threshold=3, **fields
    )
    group = ParticipantGroupFactory(assessment=assessment, name="Board", position=0)
    answers = answers or {}
    people = max((len(v) for v in answers.values()), default=0)
    for index in range(people):
        participant, _token = Participant.invite(assessment, group, f"p{index}@example.nhs.uk")
        for sid, levels in answers.items():
            if index < len(levels):
                Response.objects.create(
                    participant=participant,
                    statement_id=sid,
                    level=levels[index],
                    comment=f"Private comment {index} on {sid}",
                )
    for sid, (current, target, rationale) in (positions or {}).items():
        ConsensusRating.objects.create(
            assessment=assessment,
            statement_id=sid,
            current_level=current,
            target_level=target,
            rationale=rationale,
        )
    return assessment
