"""A small system for the demo: an integrated care board with the demo trust and two
partner trusts as members, each sharing one assessment, and a couple of learning notes.

The partners' agreed positions are made up (seeded, so every demo is the same); they have no
survey answers, so they share agreed positions only. The demo trust shares its agreed
positions and its released survey summaries.
"""

import random

from selfassess.assessments.models import Assessment, ConsensusRating
from selfassess.organisations.models import Membership, Organisation, OrganisationType, Role

from . import services, sharing
from .models import Audience, LearningNote, SystemKind, SystemRoleName

DEMO_SYSTEM = "Demo Valley Integrated Care Board"
DEMO_SYSTEM_LEAD = "system.lead@demo.invalid"
PARTNERS = [("Demo Hills NHS Trust", -1), ("Demo Coast NHS Trust", 1)]
NOTES = {
    0: (
        "We started with one clinical team, a coach and a weekly huddle, and spread it when "
        "the team could show the change.",
        "Head of Quality Improvement",
    ),
    3: ("Board development sessions on improvement, twice a year.", "Director of Strategy"),
}


def create_demo_system(organisation, assessment, *, admin, make_user, seed=18):
    """Make the demo system around ``organisation``'s ``assessment``; ``make_user(email,
    name)`` makes a demo user as the demo does."""
    rng = random.Random(seed)  # noqa: S311 - seeded on purpose: the same demo every time
    icb = Organisation.objects.create(name=DEMO_SYSTEM, organisation_type=OrganisationType.ICB)
    Membership.objects.create(organisation=icb, user=admin, role=Role.ADMIN)
    system = services.create_system(organisation=icb, kind=SystemKind.ICB, actor=admin)
    lead = make_user(DEMO_SYSTEM_LEAD, "Demo system lead")
    services.grant_role(system=system, user=lead, role=SystemRoleName.LEAD, actor=admin)
    framework = assessment.framework
    levels = framework.scale.values
    ours = {r.statement_id: r.current_level for r in assessment.consensus_ratings.all()}
    shared = []
    for name, lean in PARTNERS:
        partner = Organisation.objects.create(
            name=name, organisation_type=OrganisationType.ACUTE_TRUST
        )
        Membership.objects.create(organisation=partner, user=admin, role=Role.ADMIN)
        theirs = Assessment.objects.create(
            organisation=partner,
            framework_version=assessment.framework_version,
            cycle_label=assessment.cycle_label,
        )
        ratings = []
        for statement in framework.statements():
            base = ours.get(statement.id) or levels[len(levels) // 2]
            current = min(max(base + lean + rng.choice([-1, 0, 0, 1]), levels[0]), levels[-1])
            ratings.append(
                ConsensusRating(
                    assessment=theirs,
                    statement_id=statement.id,
                    current_level=current,
                    target_level=min(levels[-1], current + 1),
                )
            )
        ConsensusRating.objects.bulk_create(ratings)
        shared.append((partner, theirs, sharing.Scope()))
    shared.append((organisation, assessment, sharing.Scope(rationale=True, survey=True)))
    for member, each, scope in shared:
        services.accept(
            services.invite(system=system, organisation=member, actor=admin), actor=admin
        )
        share = sharing.share(
            each, audience=Audience.SYSTEM, system=system, scope=scope, actor=admin
        )
        if member.name == PARTNERS[1][0]:
            statements = framework.statements()
            for index, (text, contact) in NOTES.items():
                LearningNote.objects.create(
                    share=share, statement_id=statements[index].id, text=text, contact_role=contact
                )
    return system
