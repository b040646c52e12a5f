"""A realistic demo organisation, made the same way every time (seeded).

The structure is deliberate so that every results page has something true to show: some
statements where the board is more positive than the front line, some where people genuinely
disagree, a little "don't know" (more among patient partners on internal processes), a
small group that must be suppressed, and a few short comments.

The organisation also has history, so the comparison and trend pages have true findings: two
earlier, completed cycles of the same assessment (each the ``previous`` of the next), with
medians rising cycle by cycle, a few statements falling, some becoming contested and some
settling; consensus ratings for the earlier cycles and for most of the current one; a plan on
the current and the previous cycle (the previous one largely done); and three years of
staff-survey indicators. Each earlier cycle draws from its own seeded random stream, so adding
history never changes the current cycle's answers.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from selfassess.accounts.models import User
from selfassess.assessments.models import (
    Assessment,
    ConsensusRating,
    Participant,
    ParticipantGroup,
    Response,
)
from selfassess.assessments.services import close_assessment, complete_assessment, open_assessment
from selfassess.cycles.models import StaffSurveyIndicator
from selfassess.disclosure.gate import make_release
from selfassess.disclosure.models import ReleaseKind
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


def _answers_for(rng, framework, group_name, complete, shift=None, profile=_statement_profile):
    """One person's answers. ``shift(index)`` moves a statement's centre (earlier cycles sit
    lower); ``profile(index)`` says how a statement's answers spread."""
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
            centre = middle - component_shift + (shift(index) if shift else 0.0)
            level = _rate(rng, levels, centre, profile(index), lean)
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


# Earlier cycles: (years before the current one, how much lower answers sit, seed offset).
EARLIER_CYCLES = [(2, 0.9, 1), (1, 0.45, 2)]
INTRODUCTION = (
    "Thank you for taking part. Rate each statement by the description that best "
    "matches what you see day to day. There are no right answers: where views differ "
    "is where our workshop discussion will start."
)
CONSENSUS_RATIONALE = (
    "Agreed at the consensus workshop after discussing the spread of views and the examples "
    "people gave."
)
# (code, label, percentage positive three years ago, then each year's rise, comparator)
SURVEY_INDICATORS = [
    ("improve", "Staff who say they can make improvements happen in their area", 51.2, 2.1, 55.0),
    ("ideas", "Staff who feel their ideas for improvement are listened to", 44.8, 1.6, 47.5),
    (
        "recommend",
        "Staff who would recommend the organisation as a place to work",
        58.3,
        -0.9,
        61.2,
    ),
    ("feedback", "Staff who see senior leaders act on feedback", 39.5, 3.0, 43.1),
]


def _snapshot():
    snapshot = (
        FrameworkVersion.objects.filter(framework_id=DEFAULT_FRAMEWORK_ID)
        .order_by("-loaded_at", "-pk")
        .first()
    )
    if snapshot is None:
        raise LookupError(
            "The NHS IMPACT framework is not loaded; run `selfassess framework load-library`."
        )
    return snapshot


def _fill_cycle(assessment, rng, framework, now, earlier=False, shift=None, profile=None):
    """Groups, people and answers, as GROUP_PLAN says; in an earlier cycle everyone who
    started also finished. Returns (participants, responses)."""
    responses = []
    participant_count = 0
    for position, (name, invited, completed, partial) in enumerate(GROUP_PLAN):
        group = ParticipantGroup.objects.create(assessment=assessment, name=name, position=position)
        if earlier:
            completed, partial = completed + partial, 0
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
            answers = _answers_for(
                rng, framework, name, complete, shift, profile or _statement_profile
            )
            for statement_id, level, comment in answers:
                responses.append(
                    Response(
                        participant=participant,
                        statement_id=statement_id,
                        level=level,
                        comment=comment,
                    )
                )
    Response.objects.bulk_create(responses, batch_size=500)
    return participant_count, responses


def _earlier_profile(index):
    """Half of today's contested statements were not contested before (they became so), and
    a few statements contested before have settled since."""
    if index % 10 == 2:
        return "aligned"
    if index % 8 == 1:
        return "contested"
    return _statement_profile(index)


def _earlier_shift(lower, planned):
    """How far below today a statement sat in an earlier cycle. Every seventh statement sat
    higher (it has fallen since); statements the last plan worked on sat lower still (they
    have risen most)."""

    def shift(index):
        if index % 7 == 4:
            return lower * 0.8
        if index in planned:
            return -lower - 0.6
        return -lower

    return shift


def _planned_indexes(framework):
    """Positions, in the framework's statement order, of the first two statements of each
    component: the ones the demo plan's actions name."""
    indexes, index = set(), 0
    for component in framework.components:
        for position, _statement in enumerate(component.statements):
            if position < 2:
                indexes.add(index)
            index += 1
    return indexes


def _agree(assessment, framework, responses, user, skip_every=0):
    """Consensus ratings near each statement's median (every ``skip_every``-th statement is
    left for the workshop still to discuss)."""
    levels = framework.scale.values
    by_statement = {}
    for response in responses:
        if response.level is not None:
            by_statement.setdefault(response.statement_id, []).append(response.level)
    ratings = []
    for index, statement in enumerate(framework.statements()):
        rated = sorted(by_statement.get(statement.id, []))
        if not rated or (skip_every and index % skip_every == skip_every - 1):
            continue
        current = rated[len(rated) // 2]
        ratings.append(
            ConsensusRating(
                assessment=assessment,
                statement_id=statement.id,
                current_level=current,
                target_level=min(levels[-1], current + 1),
                rationale=CONSENSUS_RATIONALE,
                updated_by=user,
            )
        )
    ConsensusRating.objects.bulk_create(ratings)


def _earlier_cycle(organisation, snapshot, user, today, years_before, lower, seed_offset, previous):
    """A completed cycle ``years_before`` years ago, with consensus ratings."""
    start_year = today.year - years_before
    assessment = Assessment.objects.create(
        organisation=organisation,
        framework_version=snapshot,
        cycle_label=f"{start_year}/{str(start_year + 1)[-2:]}",
        introduction=INTRODUCTION,
        closes_on=today - timedelta(days=365 * years_before - 14),
        created_by=user,
        previous=previous,
    )
    open_assessment(assessment)
    rng = random.Random(SEED + seed_offset)
    then = timezone.now() - timedelta(days=365 * years_before)
    framework = snapshot.framework
    shift = _earlier_shift(lower, _planned_indexes(framework))
    _participants, responses = _fill_cycle(
        assessment, rng, framework, then, earlier=True, shift=shift, profile=_earlier_profile
    )
    close_assessment(assessment, actor=user)  # releases its results, as closing does
    complete_assessment(assessment, actor=user)
    _agree(assessment, framework, responses, user)
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=then - timedelta(days=14), status_changed_at=then + timedelta(days=30)
    )
    return assessment


def _survey(organisation, today):
    years = [today.year - 3, today.year - 2, today.year - 1]
    StaffSurveyIndicator.objects.bulk_create(
        StaffSurveyIndicator(
            organisation=organisation,
            year=year,
            code=code,
            label=label,
            percentage_positive=Decimal(f"{start + rise * step:.1f}"),
            comparator=Decimal(f"{comparator + 0.4 * step:.1f}"),
        )
        for code, label, start, rise, comparator in SURVEY_INDICATORS
        for step, year in enumerate(years)
    )


def _plans(current, previous, user, today):
    """The plan's demo actions on both cycles; the previous cycle's plan is mostly done."""
    from selfassess.plans.demo import add_demo_plan
    from selfassess.plans.services import change_status

    add_demo_plan(current, user, today=today)
    for action in add_demo_plan(previous, user, today=today - timedelta(days=365)):
        status = "done"
        if not action.owner:
            status = "stopped"
        elif action.title.startswith("Commit to"):
            status = "in_progress"
        if action.status != status:
            change_status(action, user, status, action.version)


@transaction.atomic
def create_demo(today=None):
    """Create the demo organisation once; returns None when it already exists."""
    if demo_exists():
        return None
    rng = random.Random(SEED)
    today = today or timezone.localdate()
    snapshot = _snapshot()
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
    facilitator = User.objects.get(email=DEMO_FACILITATOR)

    previous = None
    for years_before, lower, seed_offset in EARLIER_CYCLES:
        previous = _earlier_cycle(
            organisation, snapshot, facilitator, today, years_before, lower, seed_offset, previous
        )

    assessment = Assessment.objects.create(
        organisation=organisation,
        framework_version=snapshot,
        cycle_label=f"{today.year}/{str(today.year + 1)[-2:]}",
        introduction=INTRODUCTION,
        closes_on=today + timedelta(days=14),
        created_by=facilitator,
        previous=previous,
    )
    open_assessment(assessment)  # as a facilitator would: it gets its join code
    framework = snapshot.framework
    participant_count, responses = _fill_cycle(assessment, rng, framework, timezone.now())
    # The facilitator has released a snapshot of what came in so far, as they would before
    # a workshop; later answers wait for the next release.
    make_release(assessment, kind=ReleaseKind.SNAPSHOT, actor=facilitator)
    _agree(assessment, framework, responses, facilitator, skip_every=5)
    _survey(organisation, today)
    _plans(assessment, previous, facilitator, today)
    from selfassess.systems.demo import create_demo_system

    create_demo_system(
        organisation, assessment, admin=User.objects.get(email=DEMO_ADMIN), make_user=_user
    )
    return DemoSummary(organisation, assessment, participant_count, len(responses))
