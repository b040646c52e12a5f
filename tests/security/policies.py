"""Who may use a URL, as the outcome each kind of visitor must get.

Every URL is declared with one of these in `expectations.py`. The rules of the service:
anonymous people and participants are sent to sign in for staff pages; another
organisation's members (and the operator, who has no membership) find nothing (404, so an
organisation's existence stays private); a member whose role is too low is refused (403);
a participant's pages need their personal link in this browser (403 without it).
"""

from __future__ import annotations

from .outcomes import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, OPERATOR_SIGN_IN, SIGN_IN
from .world import (
    ADMIN,
    ANONYMOUS,
    FACILITATOR,
    OPERATOR,
    OTHER_ADMIN,
    OTHER_FACILITATOR,
    OTHER_PARTICIPANT,
    OTHER_VIEWER,
    PARTICIPANT,
    ROLES,
    SYSTEM_ADMIN,
    SYSTEM_LEAD,
    SYSTEM_VIEWER,
    VIEWER,
)

NOT_SIGNED_IN = {ANONYMOUS: SIGN_IN, PARTICIPANT: SIGN_IN, OTHER_PARTICIPANT: SIGN_IN}
OUTSIDERS = {
    OTHER_VIEWER: NOT_FOUND,
    OTHER_FACILITATOR: NOT_FOUND,
    OTHER_ADMIN: NOT_FOUND,
    OPERATOR: NOT_FOUND,
    SYSTEM_LEAD: NOT_FOUND,
    SYSTEM_VIEWER: NOT_FOUND,
    SYSTEM_ADMIN: NOT_FOUND,
}


def _policy(*parts):
    """Merge the parts, later ones winning, and insist every role is covered."""
    outcomes = {}
    for part in parts:
        outcomes.update(part)
    unknown = set(outcomes) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    assert set(outcomes) == set(ROLES), f"missing roles {set(ROLES) - set(outcomes)}"
    return outcomes


# Anyone at all: information pages, the sign-in page, the join-code pages.
PUBLIC = _policy(dict.fromkeys(ROLES, OK))

# Anyone holding the link: a personal link or a one-time sign-in link is a bearer token.
BEARER = PUBLIC

# Anyone signed in, whatever their organisation: the shared framework library, setting up
# a new organisation.
SIGNED_IN = _policy(dict.fromkeys(ROLES, OK), NOT_SIGNED_IN)

# Members of the organisation in any role (view_organisation, view_results).
MEMBER = _policy(NOT_SIGNED_IN, OUTSIDERS, {VIEWER: OK, FACILITATOR: OK, ADMIN: OK})

# Facilitators and admins of the organisation (run_assessments).
RUN = _policy(NOT_SIGNED_IN, OUTSIDERS, {VIEWER: FORBIDDEN, FACILITATOR: OK, ADMIN: OK})

# Admins of the organisation (manage_organisation).
MANAGE = _policy(NOT_SIGNED_IN, OUTSIDERS, {VIEWER: FORBIDDEN, FACILITATOR: FORBIDDEN, ADMIN: OK})

# A participant's journey: only a browser that opened a personal link (or joined by code).
# The URL names no assessment, so each participant sees their own.
PARTICIPANT_SESSION = _policy(
    dict.fromkeys(ROLES, FORBIDDEN), {PARTICIPANT: OK, OTHER_PARTICIPANT: OK}
)

# The page after leaving the journey: only the browser that has just left it. Nobody in the
# test world has, so everyone is refused; the participation tests cover the journey itself.
AFTER_LEAVING = _policy(dict.fromkeys(ROLES, FORBIDDEN))

# The operator's admin site: staff only; everyone else is sent to its own sign-in page.
OPERATOR_ONLY = _policy(dict.fromkeys(ROLES, OPERATOR_SIGN_IN), {OPERATOR: OK})

# The admin's own sign-in and sign-out pages, open to anyone.
OPERATOR_SIGN_IN_PAGE = PUBLIC

# Admin pages the operator may not use either, because the model admin forbids the change
# (framework versions come from files, so they cannot be added or edited by hand).
OPERATOR_REFUSED = _policy(dict.fromkeys(ROLES, OPERATOR_SIGN_IN), {OPERATOR: FORBIDDEN})

# The admin's "view on site" shortcut: no model here has a public page, so even the operator
# finds nothing.
OPERATOR_NOTHING_TO_SHOW = _policy(dict.fromkeys(ROLES, OPERATOR_SIGN_IN), {OPERATOR: NOT_FOUND})

# A workshop's join code while no live session runs: refused to everyone, exactly as a code
# that never existed (selfassess/assessments/join_codes.py).
JOIN_CODE_NOT_RUNNING = _policy(dict.fromkeys(ROLES, NOT_FOUND))

# Switched off outside the benchmark harness: nobody finds it.
SWITCHED_OFF = _policy(dict.fromkeys(ROLES, NOT_FOUND))

# Django's admin sign-out by GET: the operator is told to POST (405); anyone else is sent on
# to the admin index, which asks them to sign in.
OPERATOR_SIGN_OUT_BY_GET = _policy(dict.fromkeys(ROLES, OK), {OPERATOR: NOT_ALLOWED})


# -- a system (Home ICB) that home is a member of ----------------------------------------------
# Everyone who knows the system (its roles, its organisation's admin, its members' people) is
# refused with 403 where their role does not allow; anyone else finds nothing (404).
_KNOWS_THE_SYSTEM = {
    SYSTEM_LEAD: FORBIDDEN,
    SYSTEM_VIEWER: FORBIDDEN,
    SYSTEM_ADMIN: FORBIDDEN,
    VIEWER: FORBIDDEN,
    FACILITATOR: FORBIDDEN,
    ADMIN: FORBIDDEN,
}

# The system view of shared results: system leads and viewers (systems.view_system).
SYSTEM_VIEW = _policy(
    NOT_SIGNED_IN, OUTSIDERS, _KNOWS_THE_SYSTEM, {SYSTEM_LEAD: OK, SYSTEM_VIEWER: OK}
)

# The board paper and workbook: system leads only (systems.download_system).
SYSTEM_DOWNLOAD = _policy(NOT_SIGNED_IN, OUTSIDERS, _KNOWS_THE_SYSTEM, {SYSTEM_LEAD: OK})

# Members and roles: admins of the system's own organisation (systems.manage_system).
SYSTEM_MANAGE = _policy(NOT_SIGNED_IN, OUTSIDERS, _KNOWS_THE_SYSTEM, {SYSTEM_ADMIN: OK})

# The learning exchange: the system's roles and the people of its current members.
SYSTEM_EXCHANGE = _policy(
    NOT_SIGNED_IN,
    OUTSIDERS,
    _KNOWS_THE_SYSTEM,
    {SYSTEM_LEAD: OK, SYSTEM_VIEWER: OK, VIEWER: OK, FACILITATOR: OK, ADMIN: OK},
)
