"""Two organisations, each with an open assessment, people in every role, and participants.

URLs are filled from the first organisation ("home"); the second ("other") supplies the
people who must never see home's data. An operator (staff superuser, no membership) stands
for the person who runs the service.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from selfassess.accounts.tests.factories import UserFactory
from selfassess.accounts.tokens import sign_in_path
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment, Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Membership, Organisation, Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory

ANONYMOUS = "anonymous"
PARTICIPANT = "participant"
OTHER_PARTICIPANT = "other_participant"
VIEWER, FACILITATOR, ADMIN = "viewer", "facilitator", "admin"
OTHER_VIEWER, OTHER_FACILITATOR, OTHER_ADMIN = "other_viewer", "other_facilitator", "other_admin"
OPERATOR = "operator"
# People of a system ("Home ICB") that home is a member of: its two system roles, and an admin
# of the system's own organisation, who manages the system but has no system role.
SYSTEM_LEAD, SYSTEM_VIEWER, SYSTEM_ADMIN = "system_lead", "system_viewer", "system_admin"

ROLES = (
    ANONYMOUS,
    PARTICIPANT,
    OTHER_PARTICIPANT,
    VIEWER,
    FACILITATOR,
    ADMIN,
    OTHER_VIEWER,
    OTHER_FACILITATOR,
    OTHER_ADMIN,
    OPERATOR,
    SYSTEM_LEAD,
    SYSTEM_VIEWER,
    SYSTEM_ADMIN,
)
MEMBER_ROLES = {VIEWER: Role.VIEWER, FACILITATOR: Role.FACILITATOR, ADMIN: Role.ADMIN}


@dataclass
class Side:
    """One organisation with its open assessment, its people and one invited participant."""

    organisation: Organisation
    assessment: Assessment
    participant: Participant
    token: str
    members: dict[str, Membership] = field(default_factory=dict)


def _side(name, join_code):
    organisation = OrganisationFactory(name=name)
    assessment = AssessmentFactory(
        organisation=organisation,
        status=Status.OPEN,
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
        introduction="Tell us honestly where we stand.",
        join_code=join_code,
        anonymity_threshold=3,
    )
    board = ParticipantGroupFactory(assessment=assessment, name="Board", position=0)
    ParticipantGroupFactory(assessment=assessment, name="Front-line staff", position=1)
    participant, token = Participant.invite(assessment, board, f"rater@{join_code.lower()}.nhs.uk")
    for number, level in enumerate([2, 3, 4, 3], start=1):
        rater, _ = Participant.invite(
            assessment, board, f"rater{number}@{join_code.lower()}.nhs.uk"
        )
        Response.objects.create(participant=rater, statement_id="a-1", level=level, comment="Ok")
    side = Side(organisation, assessment, participant, token)
    for role, member_role in MEMBER_ROLES.items():
        side.members[role] = MembershipFactory(organisation=organisation, role=member_role)
    return side


def _two_factor_devices():
    """An authenticator and recovery codes for someone outside every role, so the operator's
    admin pages for them have something to show (and nobody in a role owes a code)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    holder = UserFactory(email="has.two.factors@example.nhs.uk")
    TOTPDevice.objects.create(user=holder, name="Authenticator app", confirmed=True)
    StaticDevice.objects.create(user=holder, name="Recovery codes")


def _an_audit_event(organisation):
    """One row in home's audit log, so the operator's audit pages have something to show."""
    from selfassess.audit.models import Action
    from selfassess.audit.services import record

    record(organisation=organisation, actor=None, action=Action.OTHER, summary="Set up")


def _a_queued_email():
    """One email in the outbox (and its task), so the operator's mail pages have a row."""
    from selfassess.mail.door import send_mail_to

    send_mail_to(["someone@example.nhs.uk"], "A notice", "Text")


@dataclass
class SystemSide:
    """Home ICB: a system with home as a member that shares its assessment, an invitation
    to home from a second system, and an organisation that can be invited by its ODS code."""

    system: object
    membership: object  # home's active membership
    invitation: object  # home's open invitation to another system
    share: object  # home's share with the system
    people: dict = field(default_factory=dict)


def _system_side(home: Side) -> SystemSide:
    from selfassess.assessments.models import ConsensusRating
    from selfassess.systems import services, sharing
    from selfassess.systems.models import Audience, SystemKind, SystemRoleName

    icb = OrganisationFactory(name="Home Integrated Care Board", organisation_type="icb")
    system = services.create_system(organisation=icb, kind=SystemKind.ICB, actor=None)
    membership = services.invite(system=system, organisation=home.organisation, actor=None)
    services.accept(membership, actor=None)
    network = OrganisationFactory(name="Home Learning Network", organisation_type="other")
    second = services.create_system(
        organisation=network, kind=SystemKind.LEARNING_NETWORK, actor=None
    )
    invitation = services.invite(system=second, organisation=home.organisation, actor=None)
    OrganisationFactory(name="Invited NHS Trust", ods_code="RX9")
    ConsensusRating.objects.create(
        assessment=home.assessment, statement_id="b-2", current_level=2, target_level=3
    )
    share = sharing.share(
        home.assessment,
        audience=Audience.SYSTEM,
        system=system,
        scope=sharing.Scope(),
        actor=None,
    )
    people = {
        SYSTEM_ADMIN: MembershipFactory(organisation=icb, role=Role.ADMIN).user,
        SYSTEM_LEAD: UserFactory(email="system.lead@example.nhs.uk"),
        SYSTEM_VIEWER: UserFactory(email="system.viewer@example.nhs.uk"),
    }
    for role, name in ((SYSTEM_LEAD, SystemRoleName.LEAD), (SYSTEM_VIEWER, SystemRoleName.VIEWER)):
        services.grant_role(system=system, user=people[role], role=name, actor=None)
    return SystemSide(system, membership, invitation, share, people)


@dataclass
class World:
    home: Side
    other: Side
    operator: object
    systems: SystemSide | None = None

    @classmethod
    def build(cls):
        home = _side("Home NHS Trust", "ACDEFGH")
        other = _side("Other NHS Trust", "K7PX4Q")
        operator = UserFactory(email="operator@example.nhs.uk", is_staff=True, is_superuser=True)
        Group.objects.create(name="Operators")
        _two_factor_devices()
        _an_audit_event(home.organisation)
        _a_queued_email()
        return cls(home, other, operator, _system_side(home))

    def client_for(self, role) -> Client:
        """A browser acting as `role`: signed in, or holding a participant's session."""
        client = Client()
        if role == OPERATOR:
            client.force_login(self.operator)
        elif role in (SYSTEM_LEAD, SYSTEM_VIEWER, SYSTEM_ADMIN):
            client.force_login(self.systems.people[role])
        elif role in MEMBER_ROLES:
            client.force_login(self.home.members[role].user)
        elif role.startswith("other_") and role[len("other_") :] in MEMBER_ROLES:
            client.force_login(self.other.members[role[len("other_") :]].user)
        elif role == PARTICIPANT:
            client.get(reverse("participation:start", args=[self.home.token]))
        elif role == OTHER_PARTICIPANT:
            client.get(reverse("participation:start", args=[self.other.token]))
        return client

    def action(self):
        """An action in home's development plan (made on first use)."""
        from selfassess.plans.models import Action

        return Action.objects.get_or_create(
            assessment=self.home.assessment, title="Train twenty improvement coaches"
        )[0]

    def import_batch(self):
        """An import into home's assessment (made on first use)."""
        from selfassess.assessments.models import ImportBatch

        return ImportBatch.objects.get_or_create(assessment=self.home.assessment, rows=0)[0]

    def sign_in_link_kwargs(self):
        """A real one-time link's token, for the home viewer."""
        path = sign_in_path(self.home.members[VIEWER].user)
        return {"token": path.rstrip("/").split("/")[-1]}
