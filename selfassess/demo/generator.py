"""A realistic demo organisation, made the same way every time (seeded).

The structure is deliberate so that every results page has something true to show: some
statements where the board is more positive than the front line, some where people genuinely
disagree, a little "don't know" (more among patient partners on internal processes), a
small group that must be suppressed, and a few short comments.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from selfassess.accounts.models import User
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import (
    Assessment,
    Participant,
    ParticipantGroup,
    Response,
)
from selfassess.frameworks.models import DEFAULT_FRAMEWORK_ID, FrameworkVersion
from selfassess.organisations.models import (
    Membership,
    Organisation,
    OrganisationType,
    Region,
    Role,
    WorkforceBand,
)

from .comments import COMMENTS, GENERIC

DEMO_ORGANISATION = "Demo Valley NHS Foundation Trust"
DEMO_FACILITATOR = "facilitator@demo.invalid"
DEMO_ADMIN = "admin@demo.invalid"
DEMO_VIEWER = "board.viewer@demo.invalid"
SEED = 20261122

# Group name, invited, completed, partly done. The improvement team (4) sits under the
# default threshold of 5 on purpose, so suppression is visible in the demo.
GROUP_PLAN = [
    ("Board", 9, 8, 0),
    ("Executive and senior leaders", 8, 7, 1),
    ("Clinical and professional leaders", 9, 7, 1),
    ("Front-line staff", 14, 10, 2),
    ("Corporate and support staff", 7, 5, 1),
    ("Improvement team", 4, 4, 0),
    ("Patient and lived-experience partners", 7, 6, 0),
]

# How each group tends to see things, in levels above (+) or below (-) the middle view.
GROUP_LEAN = {
    "Board": 0.7,
    "Executive and senior leaders": 0.5,
    "Clinical and professional leaders": 0.0,
    "Front-line staff": -0.6,
    "Corporate and support staff": -0.2,
    "Improvement team": 0.2,
    "Patient and lived-experience partners": -0.3,
}


@dataclass(frozen=True)
class DemoSummary:
    organisation: Organisation
    assessment: Assessment
    participants: int
    responses: int


def demo_exists():
    return Organisation.objects.filter(name=DEMO_ORGANISATION).exists()


def _statement_profile(index):
    """Every third statement shows the board-floor gap, every fifth is contested."""
    if index % 5 == 2:
        return "contested"
    if index % 3 == 0:
        return "board_higher"
    return "aligned"


def _rate(rng, levels, centre, profile, lean):
    low, high = levels[0], levels[-1]
    if profile == "contested":
        centre = rng.choice([low + 0.6, high - 0.8])
        spread = 0.9
    elif profile == "board_higher":
        centre += 1.8 * lean
        spread = 0.6
    else:
        centre += 0.3 * lean
        spread = 0.7
    value = round(rng.gauss(centre, spread))
    return min(high, max(low, value))


def _answers_for(rng, framework, group_name, complete):
    levels = framework.scale.values
    middle = levels[0] + (levels[-1] - levels[0]) * 0.45
    statements = [
        (component, statement)
        for component in framework.components
        for statement in component.statements
    ]
    answered = statements if complete else statements[: rng.randint(4, len(statements) // 2)]
    lean = GROUP_LEAN.get(group_name, 0.0)
    for index, (component, statement) in enumerate(answered):
        dont_know_chance = 0.04
        if group_name.startswith("Patient") and component.id == "management-systems":
            dont_know_chance = 0.35
        elif group_name == "Front-line staff" and component.id == "capability":
            dont_know_chance = 0.12
        if rng.random() < dont_know_chance:
            level = None
        else:
            component_shift = (framework.components.index(component) - 2) * 0.15
            level = _rate(rng, levels, middle - component_shift, _statement_profile(index), lean)
        comment = ""
        if rng.random() < 0.05:
            comment = rng.choice(COMMENTS.get(component.id, GENERIC))
        yield statement.id, level, comment


def _user(email, name):
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def create_demo(today=None):
    """Create the demo organisation once; returns None when it already exists."""
    if demo_exists():
        return None
    rng = random.Random(SEED)
    today = today or timezone.localdate()
    snapshot = (
        FrameworkVersion.objects.filter(framework_id=DEFAULT_FRAMEWORK_ID)
        .order_by("-loaded_at", "-pk")
        .first()
    )
    if snapshot is None:
        raise LookupError(
            "The NHS IMPACT framework is not loaded; run `selfassess framework load-library`."
        )
    organisation = Organisation.objects.create(
        name=DEMO_ORGANISATION,
        organisation_type=OrganisationType.COMBINED_TRUST,
        region=Region.MIDLANDS,
        workforce_band=WorkforceBand.FROM_3000,
    )
    for email, name, role in [
        (DEMO_FACILITATOR, "Demo facilitator", Role.FACILITATOR),
        (DEMO_ADMIN, "Demo organisation admin", Role.ADMIN),
        (DEMO_VIEWER, "Demo board member", Role.VIEWER),
    ]:
        Membership.objects.create(organisation=organisation, user=_user(email, name), role=role)

    assessment = Assessment.objects.create(
        organisation=organisation,
        framework_version=snapshot,
        cycle_label=f"{today.year}/{str(today.year + 1)[-2:]}",
        introduction=(
            "Thank you for taking part. Rate each statement by the description that best "
            "matches what you see day to day. There are no right answers: where views differ "
            "is where our workshop discussion will start."
        ),
        closes_on=today + timedelta(days=14),
        created_by=User.objects.get(email=DEMO_FACILITATOR),
    )
    assessment.transition_to(Status.OPEN)

    framework = snapshot.framework
    now = timezone.now()
    responses = []
    participant_count = 0
    for position, (name, invited, completed, partial) in enumerate(GROUP_PLAN):
        group = ParticipantGroup.objects.create(assessment=assessment, name=name, position=position)
        for number in range(invited):
            participant, _token = Participant.invite(assessment, group)
            participant_count += 1
            if number >= completed + partial:
                continue
            complete = number < completed
            participant.started_at = now - timedelta(days=rng.randint(2, 10), hours=rng.random())
            if complete:
                participant.completed_at = participant.started_at + timedelta(
                    minutes=rng.randint(12, 25)
                )
            participant.save(update_fields=["started_at", "completed_at"])
            for statement_id, level, comment in _answers_for(rng, framework, name, complete):
                responses.append(
                    Response(
                        participant=participant,
                        statement_id=statement_id,
                        level=level,
                        comment=comment,
                    )
                )
    Response.objects.bulk_create(responses, batch_size=500)
    return DemoSummary(organisation, assessment, participant_count, len(responses))
