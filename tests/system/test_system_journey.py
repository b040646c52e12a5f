"""A system invites two trusts; each shares by consent; the system lead sees both side by side
and the learning notes; one trust withdraws and is gone from every view.

Each person uses their own browser context, signs in with a one-time link, and every new page
is checked with axe-core.
"""

import pytest
from playwright.sync_api import expect

from selfassess.accounts.tokens import sign_in_path
from selfassess.disclosure.tests.helpers import release_now
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory
from selfassess.systems.tests.factories import answered_assessment

pytestmark = pytest.mark.django_db(transaction=True)

POSITIONS = {
    "a-1": (4, 5, "Coaches on every ward."),
    "a-2": (2, 3, ""),
    "b-1": (3, 4, ""),
}
OTHER_POSITIONS = {"a-1": (2, 4, ""), "a-2": (3, 3, ""), "b-1": (1, 3, "")}
SURVEY = {"a-1": [2, 3, 3, 4, 4], "a-2": [1, 2, 2, 3, 3]}


@pytest.fixture
def people():
    icb = OrganisationFactory(name="River Integrated Care Board", organisation_type="icb")
    willow = OrganisationFactory(name="Willow NHS Trust", ods_code="RW1")
    aspen = OrganisationFactory(name="Aspen NHS Trust", ods_code="RA2")
    willow_assessment = answered_assessment(willow, positions=POSITIONS, cycle_label="2026/27")
    aspen_assessment = answered_assessment(
        aspen, answers=SURVEY, positions=OTHER_POSITIONS, cycle_label="2026/27"
    )
    release_now(aspen_assessment)
    return {
        "icb": icb,
        "icb_admin": MembershipFactory(organisation=icb, role=Role.ADMIN).user,
        "willow": willow,
        "willow_admin": MembershipFactory(organisation=willow, role=Role.ADMIN).user,
        "willow_assessment": willow_assessment,
        "aspen": aspen,
        "aspen_admin": MembershipFactory(organisation=aspen, role=Role.ADMIN).user,
        "aspen_assessment": aspen_assessment,
    }


def _signed_in(browser, live_server, user):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + sign_in_path(user))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    return page


def _accept_and_share(page, live_server, organisation, assessment, choice, check):
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/")
    page.get_by_role("link", name="Systems you belong to").click()
    check(page)
    page.get_by_role("button", name="Accept the invitation of River Integrated Care Board").click()
    expect(page.get_by_text("You are a member of River Integrated Care Board")).to_be_visible()
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Choose what systems and the peer comparison may see").click()
    check(page)
    page.get_by_role("link", name="Choose what to share with River Integrated Care Board").click()
    check(page)
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Preview what they will see").click()
    expect(
        page.get_by_role("heading", name="What River Integrated Care Board will see")
    ).to_be_visible()
    check(page)
    page.get_by_role("button", name="Share this with River Integrated Care Board").click()
    expect(page.get_by_text("Shared with River Integrated Care Board on")).to_be_visible()


def test_two_trusts_share_and_one_withdraws(browser, live_server, people, assert_accessible):
    # The system's admin sets the system up, invites both trusts and names a system lead.
    admin = _signed_in(browser, live_server, people["icb_admin"])
    admin.goto(f"{live_server.url}/organisations/{people['icb'].pk}/systems/")
    admin.get_by_role("link", name="set it up to run a system").click()
    assert_accessible(admin)
    admin.get_by_label("Integrated care board").check()
    admin.get_by_role("button", name="Set up the system").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Members")
    for code in ("rw1", "RA2"):
        admin.get_by_label("ODS code of the organisation").fill(code)
        admin.get_by_role("button", name="Invite").click()
    expect(
        admin.get_by_role("table", name="Members and invitations").get_by_role("row")
    ).to_have_count(3)
    assert_accessible(admin)
    admin.get_by_role("link", name="Roles in the system").click()
    admin.get_by_label("Email address").fill("system.lead@example.nhs.uk")
    admin.get_by_label("System lead").check()
    admin.get_by_role("button", name="Give the role").click()
    expect(admin.get_by_text("system.lead@example.nhs.uk now has a role")).to_be_visible()
    assert_accessible(admin)

    # Willow shares its agreed positions with their rationale, and writes a learning note.
    willow = _signed_in(browser, live_server, people["willow_admin"])
    _accept_and_share(
        willow,
        live_server,
        people["willow"],
        people["willow_assessment"],
        "Agreed positions with their rationale",
        assert_accessible,
    )
    willow.get_by_role("link", name="Learning notes for River Integrated Care Board").click()
    assert_accessible(willow)
    willow.get_by_label("What has worked for you").first.fill("Start with one ward and a coach.")
    willow.get_by_label("Who to contact (a role)").first.fill("Head of Improvement")
    willow.get_by_role("button", name="Save the notes").click()
    expect(willow.get_by_text("Your learning notes are saved")).to_be_visible()

    # Aspen shares its agreed positions and its released survey summaries.
    aspen = _signed_in(browser, live_server, people["aspen_admin"])
    _accept_and_share(
        aspen,
        live_server,
        people["aspen"],
        people["aspen_assessment"],
        "Agreed positions and the survey summaries",
        assert_accessible,
    )

    # The system lead sees both side by side, and the learning note.
    from selfassess.accounts.models import User

    lead_user = User.objects.get(email="system.lead@example.nhs.uk")
    lead = browser.new_context().new_page()
    lead.goto(live_server.url + sign_in_path(lead_user))
    lead.get_by_role("button", name="Sign in", exact=True).click()
    lead.get_by_role("link", name="Systems").first.click()
    assert_accessible(lead)
    lead.get_by_role("link", name="Members side by side in River Integrated Care Board").click()
    side = lead.get_by_role("table", name="Members side by side")
    expect(side.get_by_role("row")).to_have_count(3)
    # Willow, Aspen's component A: a-1, a-2 currents 4, 2 -> 3 and 2, 3 -> 2.5.
    expect(side.get_by_role("row", name="Willow NHS Trust")).to_contain_text("Level 3 (target 4)")
    expect(side.get_by_role("row", name="Aspen NHS Trust")).to_contain_text("Level 2.5")
    expect(side.get_by_role("row", name="Aspen NHS Trust")).to_contain_text("survey")
    assert_accessible(lead)
    lead.get_by_role("link", name="Component A").click()
    expect(lead.get_by_text("At level 4 or above: Willow NHS Trust.")).to_be_visible()
    expect(lead.get_by_text("Coaches on every ward.")).to_be_visible()
    assert_accessible(lead)
    lead.goto(f"{lead.url.split('/systems/')[0]}/systems/")
    lead.get_by_role("link", name="Learning exchange of River Integrated Care Board").click()
    expect(
        lead.get_by_text("1 organisation at level 4 or above on this statement offers")
    ).to_be_visible()
    expect(lead.get_by_text("Start with one ward and a coach.")).to_be_visible()
    assert_accessible(lead)

    # Willow withdraws: it disappears from every view at once.
    willow.goto(f"{live_server.url}/assessments/{people['willow_assessment'].pk}/sharing/")
    willow.get_by_role("link", name="Choose what to share with River Integrated Care Board").click()
    willow.get_by_label("Nothing", exact=True).check()
    willow.get_by_role("button", name="Preview what they will see").click()
    assert_accessible(willow)
    willow.get_by_role("button", name="Withdraw it").click()
    expect(willow.get_by_text("no longer sees anything of this assessment")).to_be_visible()

    system_url = lead.url.replace("/exchange/", "/")
    lead.goto(system_url)
    side = lead.get_by_role("table", name="Members side by side")
    expect(side.get_by_role("row")).to_have_count(2)
    expect(side).not_to_contain_text("Willow NHS Trust")
    expect(
        lead.get_by_role("table", name="Members and what they shared").get_by_role(
            "row", name="Willow NHS Trust"
        )
    ).to_contain_text("Nothing shared")
    lead.goto(system_url + "components/comp-a/")
    expect(lead.get_by_text("Coaches on every ward.")).to_have_count(0)
    lead.goto(system_url + "exchange/")
    expect(lead.get_by_text("Start with one ward and a coach.")).to_have_count(0)
    expect(lead.get_by_text("No member has written a learning note yet.")).to_be_visible()
