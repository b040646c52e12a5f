"""Every page a facilitator, a viewer and a participant can reach, loaded in the browser.

On the demo organisation (realistic lengths: long names, many statements, tables of every
kind, three cycles, a plan), each visitor follows every link they are offered (tests/system/
crawl.py) in a window 320 pixels wide. One test fails on any page that scrolls sideways
(WCAG 1.4.10), shows None as text, has headings out of order or a back link outside every
landmark; the other fails on anything the browser's console
reports as an error (a script error, a request the Content-Security-Policy refused, a
missing file).
"""

import pytest

from selfassess.accounts.models import User
from selfassess.accounts.tokens import sign_in_path
from selfassess.assessments.models import Participant
from selfassess.demo.generator import DEMO_FACILITATOR, DEMO_VIEWER, create_demo
from selfassess.systems.demo import DEMO_SYSTEM_LEAD
from tests.pages import shown_none

from .crawl import crawl

pytestmark = pytest.mark.django_db(transaction=True)

VISITORS = ("facilitator", "viewer", "participant", "system lead")


@pytest.fixture
def demo(library_loaded):
    return create_demo()


def _start(page, base, visitor, demo):
    """Give the browser the visitor's session; return the pages the walk starts from."""
    if visitor == "participant":
        assessment = demo.assessment
        _participant, token = Participant.invite(
            assessment, assessment.groups.first(), "someone@example.nhs.uk"
        )
        page.goto(f"{base}/take-part/{token}/")
        count = len(assessment.framework.components)
        answering = [f"/take-part/answer/{n}/" for n in range(1, count + 1)]
        code = assessment.join_code
        return [
            "/take-part/about/",
            *answering,
            "/take-part/check/",
            "/",
            "/join/",
            f"/join/{code}/",
            "/workshop/",
            f"/workshop/{code}/",
        ]
    email = {"facilitator": DEMO_FACILITATOR, "system lead": DEMO_SYSTEM_LEAD}.get(
        visitor, DEMO_VIEWER
    )
    page.goto(base + sign_in_path(User.objects.get(email=email)))
    # A sign-in link opens a page with a button, so a mail scanner's fetch spends nothing.
    page.get_by_role("button", name="Sign in", exact=True).click()
    if visitor == "system lead":
        return ["/", "/systems/"]
    return ["/", f"/assessments/{demo.assessment.pk}/"]


# One walk per visitor serves both tests: each test walks if no walk has been made yet, so
# either runs alone, and together they load each page once.
_WALKS: dict[str, list] = {}


def _walk(browser, live_server, demo, visitor):
    if visitor not in _WALKS:
        context = browser.new_context(viewport={"width": 320, "height": 800})
        try:
            page = context.new_page()
            starts = _start(page, live_server.url, visitor, demo)
            _WALKS[visitor] = list(crawl(page, live_server.url, starts))
        finally:
            context.close()
    return _WALKS[visitor]


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page_fits_320_pixels_in_order_and_shows_no_none(browser, live_server, demo, visitor):
    visits = _walk(browser, live_server, demo, visitor)
    problems = []
    for visit in visits:
        if visit.overflow:
            problems.append(f"{visit.url} scrolls sideways: " + "; ".join(visit.overflow))
        if nones := shown_none(visit.html):
            problems.append(f"{visit.url} shows None: " + "; ".join(nones[:3]))
        if visit.structure:
            problems.append(f"{visit.url} structure: " + "; ".join(visit.structure[:3]))
    # The walk really went everywhere: the journey's pages are among those it loaded.
    kinds = {visit.kind for visit in visits}
    expected = EXPECTED_KINDS[visitor]
    assert expected <= kinds, f"the walk missed {sorted(expected - kinds)}"
    assert not problems, f"{len(problems)} of {len(visits)} pages:\n" + "\n".join(problems)


@pytest.mark.parametrize("visitor", VISITORS)
def test_no_page_logs_a_console_error(browser, live_server, demo, visitor):
    visits = _walk(browser, live_server, demo, visitor)
    problems = [
        f"{visit.url}: " + " | ".join(visit.console_errors)
        for visit in visits
        if visit.console_errors
    ]
    assert len(visits) >= len(EXPECTED_KINDS[visitor])
    assert not problems, f"{len(problems)} of {len(visits)} pages:\n" + "\n".join(problems)


# Pages each walk must reach (a walk that lost its way would otherwise pass on few pages):
# those the issue found scrolling sideways, and the journey's own.
EXPECTED_KINDS = {
    "facilitator": {
        "organisations:detail(pk)",
        "assessments:overview(pk)",
        "assessments:invite(pk)",
        "assessments:join(pk)",
        "workshop:control(pk)",
        "workshop:summary(pk)",
        "plans:plan(pk)",
        "plans:priorities(pk)",
        "reports:board(pk)",
        "reports:settings(pk)",
        "cycles:survey(organisation_pk)",
        "results:component(component_id, pk)",
    },
    "viewer": {
        "assessments:overview(pk)",
        "plans:plan(pk)",
        "reports:board(pk)",
        "results:discussion(pk)",
    },
    "system lead": {
        "systems:index()",
        "systems:view(system_pk)",
        "systems:component(component_id, system_pk)",
        "systems:exchange(system_pk)",
    },
    "participant": {
        "participation:intro()",
        "participation:component(position)",
        "participation:check()",
        "participation:join(code)",
        # Not workshop:join(code): the demo runs no live workshop, and a code is refused
        # (with the wrong code's page) until its workshop is live.
    },
}
