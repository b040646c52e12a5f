"""Who may do what, as named rules checked in one place.

An admin can do everything a facilitator can; a facilitator everything a viewer can. Every
rule takes an organisation, so a check can never forget which organisation it is about.
"""

import rules

from .models import Membership, Role

ROLE_RANK = {Role.VIEWER: 1, Role.FACILITATOR: 2, Role.ADMIN: 3}


def role_in(user, organisation):
    if not user.is_authenticated or organisation is None:
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def _at_least(role):
    @rules.predicate
    def predicate(user, organisation):
        current = role_in(user, organisation)
        return current is not None and ROLE_RANK[current] >= ROLE_RANK[role]

    predicate.__name__ = f"is_{role}_or_above"
    return predicate


is_member = _at_least(Role.VIEWER)
is_facilitator = _at_least(Role.FACILITATOR)
is_admin = _at_least(Role.ADMIN)

rules.add_perm("organisations.view_organisation", is_member)
rules.add_perm("organisations.view_results", is_member)
rules.add_perm("organisations.run_assessments", is_facilitator)
rules.add_perm("organisations.manage_organisation", is_admin)
