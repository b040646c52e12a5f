"""The system view, its board paper and its workbook, against figures worked out by hand.

Three trusts in one system share positions (one with survey summaries too); the system shares
its own assessment with itself. The figures each page must show are computed here from the
levels the test sets, not read back from the code.
"""

import io
import re
from statistics import median

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from selfassess.disclosure.tests.helpers import release_now
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory
from selfassess.systems import services, sharing
from selfassess.systems.models import Audience, LearningNote, SystemRoleName
from selfassess.systems.sharing import Scope

from .factories import SystemFactory, answered_assessment

pytestmark = pytest.mark.django_db

# {trust: {statement: (current, target)}} on the small test framework (a-1..a-3, b-1..b-2).
LEVELS = {
    "Beech NHS Trust": {"a-1": (4, 5), "a-2": (2, 3), "a-3": (3, 4), "b-1": (1, 2), "b-2": (2, 3)},
    "Alder NHS Trust": {"a-1": (2, 3), "a-2": (2, 2), "a-3": (5, 5), "b-1": (2, 3), "b-2": (3, 4)},
    "Cedar NHS Trust": {"a-1": (5, 5), "a-2": (1, 3), "a-3": (4, 4), "b-1": (2, 2)},
}
COMPONENTS = {"comp-a": ["a-1", "a-2", "a-3"], "comp-b": ["b-1", "b-2"]}
SURVEY = {"a-1": [1, 2, 2, 3, 5], "a-2": [3, 3, 4, 4]}  # Alder's survey answers


def _component_level(trust, cid, index):
    values = [LEVELS[trust][s][index] for s in COMPONENTS[cid] if s in LEVELS[trust]]
    return median(values)


@pytest.fixture
def system_world(django_user_model):
    system = SystemFactory(organisation__name="Oak Integrated Care Board")
    lead = django_user_model.objects.create_user(email="lead@example.nhs.uk")
    viewer = django_user_model.objects.create_user(email="viewer@example.nhs.uk")
    services.grant_role(system=system, user=lead, role=SystemRoleName.LEAD, actor=None)
    services.grant_role(system=system, user=viewer, role=SystemRoleName.VIEWER, actor=None)
    shares = {}
    for name, levels in LEVELS.items():
        organisation = OrganisationFactory(name=name)
        member = services.invite(system=system, organisation=organisation, actor=None)
        services.accept(member, actor=None)
        answers = SURVEY if name == "Alder NHS Trust" else {}
        assessment = answered_assessment(
            organisation,
            answers=answers,
            positions={s: (c, t, f"Why {name} {s}") for s, (c, t) in levels.items()},
        )
        if answers:
            release_now(assessment)
        shares[name] = sharing.share(
            assessment,
            audience=Audience.SYSTEM,
            system=system,
            scope=Scope(rationale=name == "Beech NHS Trust", survey=bool(answers)),
            actor=None,
        )
    own = answered_assessment(system.organisation, positions={"a-1": (3, 4, "")})
    sharing.share(own, audience=Audience.SYSTEM, system=system, scope=Scope(), actor=None)
    LearningNote.objects.create(
        share=shares["Cedar NHS Trust"],
        statement_id="a-1",
        text="Weekly huddles with a coach.",
        contact_role="Head of Improvement",
    )
    LearningNote.objects.create(
        share=shares["Alder NHS Trust"],
        statement_id="a-1",
        text="We started with one ward.",
        contact_role="Quality lead",
    )
    return system, lead, viewer, shares


def _cells(html, row_id):
    row = re.search(rf'<tr class="nhsuk-table__row" id="{row_id}">(.*?)</tr>', html, re.S)
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row[1], re.S)
    ]


def test_components_across_members(client, system_world):
    system, lead, _viewer, _shares = system_world
    client.force_login(lead)
    html = client.get(reverse("systems:view", args=[system.pk])).content.decode()
    for cid in COMPONENTS:
        currents = [_component_level(t, cid, 0) for t in LEVELS]
        targets = [_component_level(t, cid, 1) for t in LEVELS]
        cells = _cells(html, f"across-{cid}")
        spread = max(currents) - min(currents)

        def shown(value):
            return str(int(value)) if float(value).is_integer() else f"{value:.1f}"

        assert cells[1] == str(len(currents))
        assert cells[2] == shown(median(currents))
        assert cells[3] == f"{shown(min(currents))} to {shown(max(currents))}"
        assert cells[4].startswith(shown(spread))
        assert cells[5] == shown(median(targets))
    # Survey: only Alder shared it; comp-a pools a-1 and a-2: 1,2,2,3,5,3,3,4,4 -> median 3.
    assert _cells(html, "across-comp-a")[6] == "3"
    # Members in name order, and the system's own assessment after them.
    order = [html.index(n) for n in ("Alder NHS Trust", "Beech NHS Trust", "Cedar NHS Trust")]
    assert order == sorted(order)
    assert "Oak Integrated Care Board (the system&#39;s own assessment)" in html


def test_strongest_weakest_and_who_rates_highly(client, system_world):
    system, lead, _viewer, _shares = system_world
    client.force_login(lead)
    page = client.get(reverse("systems:view", args=[system.pk])).content.decode()
    medians = {
        s: median([LEVELS[t][s][0] for t in LEVELS if s in LEVELS[t]])
        for ids in COMPONENTS.values()
        for s in ids
    }
    # a-1: 4,2,5 -> 4; a-2: 2,2,1 -> 2; a-3: 3,5,4 -> 4; b-1: 1,2,2 -> 2; b-2: 2,3 -> 2.5
    assert medians == {"a-1": 4, "a-2": 2, "a-3": 4, "b-1": 2, "b-2": 2.5}
    strongest = re.search(r'<ul id="strongest">(.*?)</ul>', page, re.S)[1]
    weakest = re.search(r'<ul id="weakest">(.*?)</ul>', page, re.S)[1]
    assert "Statement a-1." in strongest and "Statement a-3." in strongest
    # Five statements with a median: fewer than 2 x 3, so two of each and b-2 in neither.
    assert "Statement a-2." in weakest and "Statement b-1." in weakest
    assert "Statement b-2." not in strongest + weakest
    component = client.get(reverse("systems:component", args=[system.pk, "comp-a"]))
    text = component.content.decode()
    # At level 4 or above on a-1: Beech (4) and Cedar (5), in name order.
    assert "At level 4 or above: Beech NHS Trust, Cedar NHS Trust." in text
    assert "Why Beech NHS Trust a-1" in text  # Beech shared its rationale
    assert "Why Alder NHS Trust a-1" not in text  # Alder did not


def test_learning_exchange_counts_members_at_the_top_levels(client, system_world):
    system, _lead, _viewer, shares = system_world
    trust = shares["Beech NHS Trust"].assessment.organisation
    client.force_login(MembershipFactory(organisation=trust, role=Role.VIEWER).user)
    html = client.get(reverse("systems:exchange", args=[system.pk])).content.decode()
    # Cedar (level 5) offers; Alder (level 2) wrote a note but is not at level 4 or above.
    assert "1 organisation at level 4 or above on this statement offers" in html
    assert "Weekly huddles with a coach." in html and "We started with one ward." in html
    assert "Contact: Head of Improvement" in html


def test_workbook_figures(client, system_world):
    system, lead, _viewer, _shares = system_world
    client.force_login(lead)
    response = client.get(reverse("systems:xlsx", args=[system.pk]))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Statements across members"].iter_rows(values_only=True))
    header, body = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert header[0] == "Statement"
    a1 = body["1.1"]
    assert a1["Members with a level"] == 3
    assert a1["Median agreed level"] == 4
    assert (a1["Lowest"], a1["Highest"], a1["Spread (highest minus lowest)"]) == (2, 5, 3)
    assert a1["Median target"] == median([5, 3, 5])
    assert a1["Median of survey medians"] == 2  # Alder alone: 1,2,2,3,5
    assert a1["Members at the top two levels"] == "Beech NHS Trust; Cedar NHS Trust"
    b2 = body["2.2"]
    assert (b2["Members with a level"], b2["Median agreed level"]) == (2, 2.5)
    by_member = list(book["Components by member"].iter_rows(values_only=True))[1:]
    cedar_b = next(r for r in by_member if r[0] == "Component B" and r[1] == "Cedar NHS Trust")
    assert cedar_b[2:4] == (2, 2)


def test_board_paper_and_who_may_download(client, system_world):
    system, lead, viewer, _shares = system_world
    client.force_login(viewer)
    assert client.get(reverse("systems:view", args=[system.pk])).status_code == 200
    assert client.get(reverse("systems:pdf", args=[system.pk])).status_code == 403
    client.force_login(lead)
    response = client.get(reverse("systems:pdf", args=[system.pk]))
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Oak Integrated Care Board: members side by side" in text
    assert "3 of 3 members have shared" in text
    assert "Beech NHS Trust" in text and "Cedar NHS Trust" in text
    assert "report to the board" not in text
    currents = [_component_level(t, "comp-a", 0) for t in LEVELS]
    targets = [_component_level(t, "comp-a", 1) for t in LEVELS]
    low, high = min(currents), max(currents)
    row = (
        f"Component A {len(currents)} {median(currents):g} {low:g} to {high:g} "
        f"{high - low:g} levels {median(targets):g} 3"  # 3: Alder's pooled survey median
    )
    assert row in text
