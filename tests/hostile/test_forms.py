"""No form post, however odd, reaches a 500 or a traceback (issue 12).

Every named URL that takes a POST (read from the URL configuration, as the access test does)
is posted to by a visitor allowed to use it, with the declared valid form (from
tests/security/expectations.py) and with the fields found on the service's own pages, some of
them replaced by generated values: huge and negative numbers, NUL and other control
characters, odd Unicode digits (superscripts, Arabic-Indic, mathematical), very long texts,
several values for one field, wrong types, stale and forged versions, and generated files for
upload fields. Django's test client raises any exception a view lets out, and a 500 fails the
test; every example runs in a savepoint that is then undone.

HOSTILE_EXAMPLES sets how many generated posts each URL gets (12 by default; more in CI).
"""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.database import rolled_back
from tests.security.expectations import CannotFill, expectation_for, fill
from tests.security.outcomes import OK
from tests.security.routes import all_routes
from tests.security.world import (
    ADMIN,
    ANONYMOUS,
    FACILITATOR,
    PARTICIPANT,
    SYSTEM_ADMIN,
    SYSTEM_LEAD,
    VIEWER,
)

from .forms import forms_on

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "12"))
PREFERRED = (ADMIN, FACILITATOR, VIEWER, PARTICIPANT, ANONYMOUS, SYSTEM_ADMIN, SYSTEM_LEAD)
SKIPPED_NAMESPACES = {"admin"}  # Django's own admin site, for the operator only
SKIPPED = {"operations:floor"}  # the benchmark harness, switched off outside benchmarks

ODD_VALUES = [
    "9" * 30,
    "-1",
    "-99999999999999999999",
    "2147483648",
    "32768",
    "1e309",
    "nan",
    "inf",
    "0x10",
    "²⁰²⁶",
    "٢٠٢٦",
    "\U0001d7da\U0001d7d8\U0001d7da\U0001d7de",  # mathematical double-struck 2026
    "\u0661",  # Arabic-Indic one
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202eevil",
    "",
    " ",
    "3.5",
    "true",
    "null",
    "[]",
    "{}",
    "../../etc/passwd",
    "=cmd|' /C calc'!A0",
]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
HOSTILE = st.one_of(
    st.sampled_from(ODD_VALUES),
    TEXT,
    st.integers().map(str),
    st.sampled_from([2000, 131_073]).map(lambda n: "x" * n),
)
FIELD_VALUE = st.one_of(HOSTILE, st.lists(HOSTILE, min_size=2, max_size=3))
CSV_LIKE = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(HOSTILE, min_size=1, max_size=5), max_size=5).map(
        lambda rows: "\n".join(",".join(row) for row in rows).encode("utf-8")
    ),
    st.sampled_from(
        [
            "\ufeffemail,group\nsomeone@example.nhs.uk,Board\n".encode("utf-16"),
            b"email,group\n\xff\xfe\x00bad,Board\n",
            b'{"format": "selfassess-organisation", "version": 1}',
            b"[" * 100_000,
            b"",
        ]
    ),
)

_DISCOVERED: dict[str, dict] = {}


def _routes():
    for route in all_routes():
        if route.namespace in SKIPPED_NAMESPACES or route.name in SKIPPED:
            continue
        expect = expectation_for(route)
        if expect is not None and expect.post is not None:
            yield pytest.param(route, id=route.key)


def _permitted(expect):
    policy = expect.post_policy or expect.policy
    return next((role for role in PREFERRED if policy[role] == OK), None)


def _discover(world):
    """Read every page admins and participants can see; fields by the route of the action."""
    if _DISCOVERED:
        return _DISCOVERED
    found: dict[str, dict] = {}
    for role in (ADMIN, PARTICIPANT):
        client = world.client_for(role)
        for route in all_routes():
            expect = expectation_for(route)
            if route.namespace in SKIPPED_NAMESPACES or expect is None or not expect.get:
                continue
            if expect.policy[role] != OK:
                continue
            try:
                url = reverse(route.name, kwargs=fill(route, world))
            except CannotFill:
                continue
            with rolled_back():
                response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(response.content.decode(), url):
                try:
                    match = resolve(form.action)
                except Resolver404:
                    continue
                key = _key(match)
                entry = found.setdefault(key, {"fields": {}, "files": set()})
                for name, values in form.fields.items():
                    entry["fields"].setdefault(name, values[0] if values else "")
                entry["files"] |= form.files
    _DISCOVERED.update(found)
    return _DISCOVERED


def _key(match):
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    kwargs = tuple(match.kwargs)
    return f"{name}({', '.join(kwargs)})" if kwargs else name


@pytest.mark.parametrize("route", list(_routes()))
def test_no_post_reaches_a_server_error(route, world):
    expect = expectation_for(route)
    role = _permitted(expect)
    if role is None:
        pytest.skip(f"nobody in the test world may POST to {route.key}")
    url = reverse(route.name, kwargs=fill(route, world))
    discovered = _discover(world).get(route.key, {"fields": {}, "files": set()})
    base = {**discovered["fields"], **expect.post(world)}
    names = sorted(base)
    files = sorted(discovered["files"])
    client = world.client_for(role)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def post_hostile(data):
        data_to_send = dict(base)
        if names:
            chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=4))
            for name in chosen:
                data_to_send[name] = data.draw(FIELD_VALUE, label=name)
        for name in files:
            content = data.draw(CSV_LIKE, label=name)
            data_to_send[name] = SimpleUploadedFile("upload.csv", content, "text/csv")
        with rolled_back():
            response = client.post(url, data_to_send)
        assert response.status_code < 500, f"{url} answered {response.status_code}"

    post_hostile()
