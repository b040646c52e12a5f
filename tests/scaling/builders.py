"""Assessments on frameworks of any size, with answers, agreed levels and actions, for the
tests that prove pages and the PDF scale with the framework."""

from __future__ import annotations

import itertools
from pathlib import Path

from selfassess.assessments.models import ConsensusRating, Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.frameworks.schema import parse_framework
from selfassess.frameworks.services import store_framework
from selfassess.frameworks.tests.synthetic import framework_text
from selfassess.plans.models import Action

DATA = Path(__file__).resolve().parents[2] / "selfassess" / "frameworks" / "tests" / "data"
TWENTY_SEVEN = DATA / "twenty-seven-by-seven.yaml"


def snapshot_of(text: str, source="synthetic.yaml"):
    return store_framework(parse_framework(text, source), source=source).snapshot


def synthetic_snapshot(components, levels, **options):
    return snapshot_of(framework_text(components, levels, **options))


def level_for(values, person: int, index: int):
    """A spread of levels that differs by person and statement, deterministically."""
    return values[(person * 3 + index * 5 + person * index) % len(values)]


def answered_assessment(snapshot, organisation=None, people=6, agreed=True, actions=True):
    """An open assessment of two groups of ``people`` each, every statement answered."""
    options = {"organisation": organisation} if organisation else {}
    assessment = AssessmentFactory(framework_version=snapshot, anonymity_threshold=3, **options)
    framework = assessment.framework
    values = framework.scale.values
    statements = framework.statements()
    for group_index, name in enumerate(("Board", "Front-line staff")):
        group = ParticipantGroupFactory(assessment=assessment, name=name, position=group_index)
        for person in range(people):
            participant, _ = Participant.invite(assessment, group)
            Response.objects.bulk_create(
                Response(
                    participant=participant,
                    statement_id=statement.id,
                    level=level_for(values, person + group_index * people, index),
                )
                for index, statement in enumerate(statements)
            )
    if agreed:
        for index, statement in enumerate(statements):
            current = values[index % (len(values) - 1)]
            ConsensusRating.objects.create(
                assessment=assessment,
                statement_id=statement.id,
                current_level=current,
                target_level=values[values.index(current) + 1],
                rationale="Agreed after discussion.",
            )
    if actions:
        for component, long_word in zip(framework.components, itertools.cycle((False, True))):
            title = f"Improve {component.title}"
            if long_word:
                title += " " + "Supercalifragilisticexpialidociousimprovementprogramme" * 2
            Action.objects.create(
                assessment=assessment,
                title=title[:200],
                owner="Director of improvement",
                measure="Share of teams using the new approach",
                component_ids=[component.id],
            )
    return assessment
