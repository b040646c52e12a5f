"""Every URL that takes a POST refuses one without the CSRF token (403), and changes nothing.

The URLs and the forms come from the access declarations, so a new form is covered as soon
as its URL is declared. The visitor is one the access rules permit, so the only reason left
for a refusal is the missing token.
"""

import pytest
from django.test import Client
from django.urls import reverse

from .database import changed_tables, rolled_back, snapshot
from .expectations import CannotFill, expectation_for, fill
from .outcomes import OK
from .routes import all_routes
from .world import MEMBER_ROLES, OPERATOR, OTHER_PARTICIPANT, PARTICIPANT, ROLES

# Views that are deliberately exempt, with the reason.
EXEMPT = {
    "operations:floor": "benchmark floor: takes no input, switched off outside the harness",
}


def _enforcing_client(world, role):
    """A client for `role` that, unlike Django's test client default, checks CSRF."""
    plain = world.client_for(role)
    client = Client(enforce_csrf_checks=True)
    client.cookies = plain.cookies
    return client


def _permitted_role(expect):
    policy = expect.post_policy or expect.policy
    for role in (*MEMBER_ROLES, OPERATOR, PARTICIPANT, OTHER_PARTICIPANT, *ROLES):
        if policy[role] == OK:
            return role
    return None


# URLs someone may POST to. (Where nobody may, the access test already shows the refusal.)
POSTING = [
    route
    for route in all_routes()
    if (expect := expectation_for(route)) is not None
    and expect.post is not None
    and _permitted_role(expect) is not None
]


@pytest.mark.parametrize("route", POSTING, ids=lambda route: route.key)
def test_a_post_without_the_csrf_token_is_refused(route, world):
    if route.name in EXEMPT:
        pytest.skip(EXEMPT[route.name])
    expect = expectation_for(route)
    role = _permitted_role(expect)
    try:
        url = reverse(route.name, kwargs=fill(route, world))
    except CannotFill as missing:
        pytest.fail(str(missing))
    with rolled_back():
        client = _enforcing_client(world, role)
        before = snapshot()
        response = client.post(url, expect.post(world))
        after = snapshot()
    assert response.status_code == 403, f"{url} as {role}: {response.status_code}"
    assert changed_tables(before, after) == []


def test_the_exemptions_are_still_exempt_and_still_exist():
    from django.urls import resolve

    for name in EXEMPT:
        callback = resolve(reverse(name)).func
        assert getattr(callback, "csrf_exempt", False), f"{name} is no longer exempt: drop it"
