"""Synthetic data for the benchmark: a 30-statement framework and N participants' answers.

The framework has 5 components of 6 statements on a 5-level scale, the size of the NHS IMPACT
self-assessment. Participants are spread over the 7 default groups; each group leans towards
its own level, so medians and gaps differ as they would in a real assessment. Answers come
from a seeded random generator, so every run inserts the same rows.

Rows are inserted in batches (participants, then their responses) so that memory stays bounded
at 20,000 participants (600,000 responses).
"""

import random

from django.db import transaction

from selfassess.accounts.models import User
from selfassess.assessments.models import (
    DEFAULT_GROUPS,
    Assessment,
    Participant,
    ParticipantGroup,
    Response,
)
from selfassess.frameworks.models import FrameworkVersion
from selfassess.frameworks.schema import Framework
from selfassess.organisations.models import Membership, Organisation, OrganisationType, Role

COMPONENTS = 5
STATEMENTS_PER_COMPONENT = 6
LEVELS = ["Not started", "Emerging", "Developing", "Established", "Leading"]
DONT_KNOW_SHARE = 0.05
PARTICIPANT_BATCH = 1000


def framework_dict() -> dict:
    """A framework in the canonical plain form (see ``Framework.to_dict``)."""
    return {
        "id": "bench-framework",
        "version": "1",
        "title": "Benchmark framework",
        "purpose": "A framework of the usual size, for measuring how results are built.",
        "scale": {
            "levels": [
                {"value": value, "name": name, "meaning": f"{name}."}
                for value, name in enumerate(LEVELS, start=1)
            ],
            "dont_know": {"label": "Don't know", "meaning": "Not enough to judge."},
        },
        "components": [
            {
                "id": f"c{c}",
                "title": f"Component {c}",
                "summary": f"Summary of component {c}.",
                "what_good_looks_like": ["Something good."],
                "statements": [
                    {
                        "id": f"c{c}-s{s}",
                        "text": f"Statement {s} of component {c}.",
                        "levels": {str(v): f"Descriptor {v}." for v in range(1, len(LEVELS) + 1)},
                    }
                    for s in range(1, STATEMENTS_PER_COMPONENT + 1)
                ],
            }
            for c in range(1, COMPONENTS + 1)
        ],
        "glossary": [],
        "tips": [],
    }


def framework_version() -> FrameworkVersion:
    framework = Framework.from_dict(framework_dict())
    existing = FrameworkVersion.objects.filter(content_hash=framework.content_hash()).first()
    return existing or FrameworkVersion.objects.create(
        framework_id=framework.id,
        version=framework.version,
        title=framework.title,
        content=framework.to_dict(),
        content_hash=framework.content_hash(),
        source="bench",
    )


def _level(rng: random.Random, lean: int) -> int | None:
    if rng.random() < DONT_KNOW_SHARE:
        return None
    return min(max(lean + rng.choice((-2, -1, -1, 0, 0, 0, 1, 1, 2)), 1), len(LEVELS))


def create_assessment(participants: int, seed: int = 1) -> tuple[Assessment, User]:
    """An assessment with ``participants`` people who answered every statement, and a viewer."""
    rng = random.Random(seed)  # noqa: S311 - seeded on purpose: the same rows every run
    organisation = Organisation.objects.create(
        name=f"Benchmark trust ({participants} participants)",
        organisation_type=OrganisationType.ACUTE_TRUST,
    )
    viewer = User.objects.create_user(f"viewer-{participants}@bench.invalid")
    Membership.objects.create(organisation=organisation, user=viewer, role=Role.VIEWER)
    assessment = Assessment.objects.create(
        organisation=organisation, framework_version=framework_version(), cycle_label="2025/26"
    )
    groups = ParticipantGroup.objects.bulk_create(
        ParticipantGroup(assessment=assessment, name=name, position=index)
        for index, name in enumerate(DEFAULT_GROUPS)
    )
    leans = {group.pk: rng.randint(2, 4) for group in groups}
    statement_ids = [s.id for s in assessment.framework.statements()]
    for start in range(0, participants, PARTICIPANT_BATCH):
        with transaction.atomic():
            people = Participant.objects.bulk_create(
                Participant(
                    assessment=assessment,
                    group=groups[index % len(groups)],
                    token_hash=f"{assessment.pk:016x}{index:048x}",
                )
                for index in range(start, min(start + PARTICIPANT_BATCH, participants))
            )
            Response.objects.bulk_create(
                (
                    Response(
                        participant_id=person.pk,
                        statement_id=statement_id,
                        level=_level(rng, leans[person.group_id]),
                    )
                    for person in people
                    for statement_id in statement_ids
                ),
                batch_size=2000,
            )
    return assessment, viewer
