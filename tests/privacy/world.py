"""An assessment built to be attacked: groups at k - 1, k and k + 1, "don't know" answers,
skipped statements and comments, released once, with people of every role.

k is 5. The groups, people by people (statement ids of the small test framework):

- Board: 6 people, all rate everything.
- Front-line staff: 5 people; one says "don't know" to a-1, so a-1 has only 4 rated there.
- Improvement team: 4 people (k - 1).
- Patient partners: 6 people, who skip b-2.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory

STATEMENTS = ["a-1", "a-2", "a-3", "b-1", "b-2"]
K = 5


@dataclass
class AttackWorld:
    assessment: object
    groups: dict
    people: dict
    members: dict


def answer(assessment, group, levels: dict, *, comment_on=None, joined_by_code=False):
    """One person in ``group`` answering ``levels`` ({statement: level or None})."""
    person, _token = Participant.invite(
        assessment, group, email=f"p{Participant.objects.count()}@example.nhs.uk"
    )
    person.joined_by_code = joined_by_code
    person.save(update_fields=["joined_by_code"])
    Response.objects.bulk_create(
        Response(
            participant=person,
            statement_id=sid,
            level=level,
            comment=f"Comment from person {person.pk} on {sid}" if sid == comment_on else "",
        )
        for sid, level in levels.items()
    )
    return person


def build(*, status=Status.OPEN) -> AttackWorld:
    organisation = OrganisationFactory(name="Attacked NHS Trust")
    assessment = AssessmentFactory(organisation=organisation, anonymity_threshold=K, status=status)
    names = ["Board", "Front-line staff", "Improvement team", "Patient partners"]
    groups = {
        name: ParticipantGroupFactory(assessment=assessment, name=name, position=index)
        for index, name in enumerate(names)
    }
    people = {name: [] for name in names}
    for index in range(6):
        people["Board"].append(
            answer(
                assessment,
                groups["Board"],
                {sid: 1 + (index + n) % 5 for n, sid in enumerate(STATEMENTS)},
                comment_on="a-2",
            )
        )
    for index in range(5):
        levels = {sid: 2 + (index + n) % 3 for n, sid in enumerate(STATEMENTS)}
        if index == 0:
            levels["a-1"] = None
        people["Front-line staff"].append(answer(assessment, groups["Front-line staff"], levels))
    for index in range(4):
        people["Improvement team"].append(
            answer(
                assessment,
                groups["Improvement team"],
                {sid: 5 - (index % 2) for sid in STATEMENTS},
                comment_on="a-1",
            )
        )
    for index in range(6):
        people["Patient partners"].append(
            answer(
                assessment,
                groups["Patient partners"],
                {sid: 1 + index % 4 for sid in STATEMENTS if sid != "b-2"},
                joined_by_code=index < 2,
            )
        )
    members = {
        role: MembershipFactory(organisation=organisation, role=role).user
        for role in (Role.VIEWER, Role.FACILITATOR, Role.ADMIN)
    }
    return AttackWorld(assessment, groups, people, members)
