"""An admin reads the audit log in the browser: accessible, at 320 pixels, without JavaScript,
and filtered by keyboard."""

import pytest

from selfassess.accounts.tokens import sign_in_path
from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory
from tests.browser import fits_viewport

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin():
    organisation = OrganisationFactory(name="Riverside University Hospitals NHS Foundation Trust")
    membership = MembershipFactory(
        organisation=organisation,
        role=Role.ADMIN,
        user__email="improvement.lead.with.a.long.address@riverside-hospitals.example.nhs.uk",
    )
    record(
        organisation=organisation,
        actor=membership.user,
        action=Action.EXPORTED,
        summary="Downloaded the data tables as a workbook of Organisation self-assessment, 2026/27",
    )
    record(
        organisation=organisation,
        actor=None,
        action=Action.DELETED,
        summary="Deleted the assessment 2025/26 and all its answers",
    )
    return membership


def _sign_in(page, base, membership):
    page.goto(base + sign_in_path(membership.user))
    page.get_by_role("button", name="Sign in", exact=True).click()


@pytest.mark.parametrize("fixture", ["phone_page", "no_js_page"])
def test_the_audit_log_is_accessible_and_filters(
    request, fixture, live_server, admin, assert_accessible
):
    page = request.getfixturevalue(fixture)
    _sign_in(page, live_server.url, admin)
    page.goto(f"{live_server.url}/organisations/{admin.organisation_id}/audit/")
    assert page.get_by_role("heading", name="Audit log").is_visible()
    assert fits_viewport(page)
    assert_accessible(page)

    page.get_by_text("Show only some events").click()
    page.get_by_label("Kind of event").select_option("deleted")
    page.get_by_role("button", name="Show events").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=deleted**")
    table = page.get_by_role("table")
    assert "Deleted the assessment 2025/26" in table.inner_text()
    assert "Downloaded the data tables" not in table.inner_text()
    assert fits_viewport(page)
    assert_accessible(page)
