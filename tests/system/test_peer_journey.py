"""An admin describes the organisation's context, takes part, compares with five peers, and
reads what a sharing file would hold; every page passes axe, and fits a 320 pixel phone."""

import pytest
from playwright.sync_api import expect

from selfassess.accounts.tokens import sign_in_path
from selfassess.peers.tests.helpers import peer, viewer
from tests.browser import fits_viewport

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    page.goto(live_server.url + sign_in_path(user))
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_an_admin_compares_with_peers(live_server, page, phone_page, assert_accessible):
    for index, level in enumerate([1, 2, 3, 4, 5]):
        peer(f"Peer {index} NHS Trust", {"a-1": (level, 5)})
    organisation, _, admin = viewer({"a-1": (2, 4)}, role="admin", opted_in=False)
    sign_in(page, live_server, admin)

    page.goto(f"{live_server.url}/organisations/{organisation.pk}/context/")
    assert_accessible(page)
    page.get_by_role("group", name="Deprivation of the population served").get_by_label(
        "More deprived than average"
    ).check()
    page.get_by_label("Take part in the peer comparison").check()
    page.get_by_role("button", name="Save context").click()
    expect(page.get_by_text("The organisation's context is saved.")).to_be_visible()

    page.goto(f"{live_server.url}/organisations/{organisation.pk}/peers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer comparison")
    table = page.get_by_role("table", name="Agreed current level").first
    expect(table).to_contain_text("2, 3, 4 (5 organisations)")
    expect(table).to_contain_text("Between the quartiles")
    assert_accessible(page)

    page.goto(f"{live_server.url}/organisations/{organisation.pk}/sharing-files/send/")
    expect(page.get_by_role("heading", name="What the file will hold")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/sharing-files/receive/")
    assert_accessible(page)

    sign_in(phone_page, live_server, admin)
    for path in ("context/", "peers/", "sharing-files/send/", "sharing-files/receive/"):
        phone_page.goto(f"{live_server.url}/organisations/{organisation.pk}/{path}")
        assert fits_viewport(phone_page), path
