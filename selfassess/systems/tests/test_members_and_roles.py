"""Memberships need both sides; system roles are separate from roles in members."""

import pytest
from django.db import IntegrityError

from selfassess.organisations.models import Membership, Role
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.systems import services, sharing
from selfassess.systems.models import Audience, MemberStatus, Share, Succession, SystemRoleName
from selfassess.systems.services import SystemRefused

from .factories import SystemFactory, answered_assessment

pytestmark = pytest.mark.django_db


def test_invite_accept_end(member_of):
    system = SystemFactory()
    trust = OrganisationFactory()
    admin = member_of(system.organisation, Role.ADMIN)
    trust_admin = member_of(trust, Role.ADMIN)
    member = services.invite(system=system, organisation=trust, actor=admin)
    assert member.status == MemberStatus.INVITED
    with pytest.raises(SystemRefused):
        services.invite(system=system, organisation=trust, actor=admin)
    services.accept(member, actor=trust_admin)
    assert member.status == MemberStatus.ACTIVE
    with pytest.raises(SystemRefused):
        services.accept(member, actor=trust_admin)
    services.end(member, actor=admin)
    assert member.status == MemberStatus.ENDED
    again = services.invite(system=system, organisation=trust, actor=admin)
    assert again.pk != member.pk


def test_a_system_cannot_invite_itself():
    system = SystemFactory()
    with pytest.raises(SystemRefused):
        services.invite(system=system, organisation=system.organisation, actor=None)


def test_ending_a_membership_withdraws_its_shares():
    system = SystemFactory()
    assessment = answered_assessment(positions={"a-1": (2, 3, "")})
    member = services.invite(system=system, organisation=assessment.organisation, actor=None)
    services.accept(member, actor=None)
    sharing.share(
        assessment, audience=Audience.SYSTEM, system=system, scope=sharing.Scope(), actor=None
    )
    sharing.share(assessment, audience=Audience.PEERS, scope=sharing.Scope(), actor=None)
    assert services.end(member, actor=None) == 1
    assert list(Share.objects.values_list("audience", flat=True)) == [Audience.PEERS]


def test_rules_keep_system_roles_apart_from_member_roles(member_of, django_user_model):
    system = SystemFactory()
    trust = OrganisationFactory()
    member = services.invite(system=system, organisation=trust, actor=None)
    system_admin = member_of(system.organisation, Role.ADMIN)
    trust_admin = member_of(trust, Role.ADMIN)
    lead = django_user_model.objects.create_user(email="lead@example.nhs.uk")
    viewer = django_user_model.objects.create_user(email="viewer@example.nhs.uk")
    services.grant_role(system=system, user=lead, role=SystemRoleName.LEAD, actor=system_admin)
    services.grant_role(system=system, user=viewer, role=SystemRoleName.VIEWER, actor=None)

    def can(user, perm):
        return user.has_perm(perm, system)

    assert can(lead, "systems.view_system") and can(lead, "systems.download_system")
    assert can(viewer, "systems.view_system") and not can(viewer, "systems.download_system")
    assert not can(system_admin, "systems.view_system") and can(
        system_admin, "systems.manage_system"
    )
    assert not can(trust_admin, "systems.view_system")
    assert not can(trust_admin, "systems.view_exchange")  # invited, not yet a member
    services.accept(member, actor=trust_admin)
    assert can(trust_admin, "systems.view_exchange") and not can(trust_admin, "systems.view_system")
    assert not lead.has_perm("organisations.view_organisation", trust)
    assert not can(lead, "systems.manage_system")


def test_roles_are_one_per_person(django_user_model):
    system = SystemFactory()
    person = django_user_model.objects.create_user(email="p@example.nhs.uk")
    services.grant_role(system=system, user=person, role=SystemRoleName.VIEWER, actor=None)
    services.grant_role(system=system, user=person, role=SystemRoleName.LEAD, actor=None)
    assert system.roles.get().role == SystemRoleName.LEAD
    with pytest.raises(SystemRefused):
        services.grant_role(system=system, user=person, role="owner", actor=None)


def test_succession_needs_an_admin_of_both(member_of):
    old, new = OrganisationFactory(), OrganisationFactory()
    both = member_of(old, Role.ADMIN)
    Membership.objects.create(organisation=new, user=both, role=Role.ADMIN)
    only_one = member_of(old, Role.ADMIN)
    with pytest.raises(SystemRefused):
        services.make_successor(predecessor=old, successor=new, actor=only_one)
    services.make_successor(predecessor=old, successor=new, actor=both)
    with pytest.raises(SystemRefused):
        services.make_successor(predecessor=new, successor=old, actor=both)
    with pytest.raises(IntegrityError):
        Succession.objects.create(predecessor=new, successor=new)
