"""Every named URL, for every kind of visitor, gives the outcome declared for it.

The URLs come from the URL configuration itself, so a new URL is covered the moment it
exists: until someone declares who may use it (expectations.py), this test fails for it.
Each visitor is tried with GET, and with POST where the view takes one; a refused POST must
leave every table as it was, and send no email.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.pages import shown_none

from .database import changed_tables, rolled_back, snapshot
from .expectations import EXPECTED, KNOWN_PROBLEMS, CannotFill, expectation_for, fill
from .outcomes import DENIALS, NOT_ALLOWED, OK, outcome_of
from .routes import all_routes
from .world import ROLES

ROUTES = all_routes()
CASES = [
    pytest.param(route, id=route.key, marks=[pytest.mark.xfail(reason=KNOWN_PROBLEMS[route.key])])
    if route.key in KNOWN_PROBLEMS
    else pytest.param(route, id=route.key)
    for route in ROUTES
]


def _get_problem(expect, wanted, got):
    if expect.get:
        return None if got == wanted else f"GET gave {got}, expected {wanted}"
    if got == NOT_ALLOWED or (wanted in DENIALS and got == wanted):
        return None
    return f"GET gave {got}, expected not_allowed (or {wanted})"


def _post_problems(expect, wanted, got, before, after):
    problems = []
    if got != wanted:
        problems.append(f"POST gave {got}, expected {wanted}")
    changed = changed_tables(before, after)
    if wanted != OK and changed:
        problems.append(f"refused POST changed {', '.join(changed)}")
    if wanted == OK and expect.changes and not changed:
        problems.append("permitted POST changed nothing: is the declared form valid?")
    return problems


def _template_leak(html):
    """A Jinja object printed where text belongs (a macro shadowing a variable of the same
    name, say) shows readers something like <Macro 'button'>; no page should ever hold one."""
    for marker in ("&lt;Macro ", "<Macro ", "Undefined", "<bound method"):
        if marker in html:
            return f"page shows a template object ({marker.strip()}...)"
    if nones := shown_none(html):
        return "page shows None as text: " + "; ".join(nones[:3])
    return None


@pytest.mark.parametrize("route", CASES)
def test_every_visitor_gets_the_declared_outcome(route, world):
    expect = expectation_for(route)
    assert expect is not None, (
        f"{route.key} at /{route.route} has no declared access rule: add it to "
        "tests/security/expectations.py after reading the view"
    )
    try:
        url = reverse(route.name, kwargs=fill(route, world))
        if expect.query:
            url += "?" + urlencode(expect.query)
    except CannotFill as missing:
        pytest.fail(f"{missing}: teach tests/security/expectations.py:fill")
    problems = []
    for role in ROLES:
        wanted = expect.policy[role]
        wanted_post = (expect.post_policy or expect.policy)[role]
        with rolled_back():
            response = world.client_for(role).get(url)
            got = outcome_of(response)
        if problem := _get_problem(expect, wanted, got):
            problems.append(f"{role}: {problem}")
        is_page = got == OK and response.get("Content-Type", "").startswith("text/html")
        if is_page and (problem := _template_leak(response.content.decode())):
            problems.append(f"{role}: {problem}")
        if expect.post is None:
            continue
        with rolled_back():
            client = world.client_for(role)
            data = expect.post(world)
            before = snapshot()
            got = outcome_of(client.post(url, data))
            after = snapshot()
        problems += [
            f"{role}: {p}" for p in _post_problems(expect, wanted_post, got, before, after)
        ]
    assert not problems, f"{url}\n" + "\n".join(problems)


def test_no_declaration_is_left_over_from_a_removed_url():
    """A declaration whose URL is gone would hide a typo in a new URL's name."""
    keys = {route.key for route in ROUTES}
    assert sorted(set(EXPECTED) - keys) == []
    assert sorted(set(KNOWN_PROBLEMS) - keys) == []


def test_the_walk_finds_urls_inside_namespaces():
    """Guard the walker itself: it must see nested, namespaced and kwarg-carrying routes."""
    keys = {route.key for route in ROUTES}
    assert {"core:home", "assessments:overview(pk)", "admin:index"} <= keys
    assert {"participation:join", "participation:join(code)"} <= keys
