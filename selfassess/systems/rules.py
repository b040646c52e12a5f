"""Who may do what in a system, as named rules beside the organisations' own.

A person's role in a system is separate from their roles in its members: being an admin of a
member trust gives nothing in the system, and being a system lead gives nothing in a member.
Every rule takes the ``System``, so no check can forget which system it is about.

* ``systems.view_system``: system leads and viewers read the system view of shared results.
* ``systems.download_system``: system leads only take the board paper and the workbook away,
  because a file leaves the service and can be passed on.
* ``systems.manage_system``: admins of the system's own organisation invite members, end
  memberships and grant system roles.
* ``systems.view_exchange``: the learning exchange is for the system's people and for anyone
  in a current member organisation, since it is where members learn from each other.
"""

import rules

from selfassess.organisations.rules import is_admin

from .models import MemberStatus, SystemMember, SystemRole, SystemRoleName


def system_role_of(user, system):
    if not user.is_authenticated or system is None:
        return None
    return (
        SystemRole.objects.filter(user=user, system=system).values_list("role", flat=True).first()
    )


@rules.predicate
def has_system_role(user, system):
    return system_role_of(user, system) is not None


@rules.predicate
def is_system_lead(user, system):
    return system_role_of(user, system) == SystemRoleName.LEAD


@rules.predicate
def is_system_admin(user, system):
    return system is not None and is_admin(user, system.organisation)


@rules.predicate
def in_a_member(user, system):
    if not user.is_authenticated or system is None:
        return False
    return SystemMember.objects.filter(
        system=system,
        status=MemberStatus.ACTIVE,
        organisation__memberships__user=user,
    ).exists()


rules.add_perm("systems.view_system", has_system_role)
rules.add_perm("systems.download_system", is_system_lead)
rules.add_perm("systems.manage_system", is_system_admin)
rules.add_perm("systems.view_exchange", has_system_role | in_a_member)
rules.add_perm("systems.see_system_page", has_system_role | is_system_admin | in_a_member)
