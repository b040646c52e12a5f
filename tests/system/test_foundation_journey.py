"""A facilitator signs in with the link `make run` prints and reads the demo assessment."""

import re

import pytest
from playwright.sync_api import expect

from selfassess.accounts.models import User
from selfassess.accounts.tokens import sign_in_path
from selfassess.demo.generator import DEMO_FACILITATOR, DEMO_ORGANISATION, create_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(library_loaded):
    return create_demo()


def test_facilitator_reads_the_demo(live_server, page, demo, assert_accessible):
    page.goto(live_server.url + "/")
    assert_accessible(page)
    page.goto(live_server.url + sign_in_path(User.objects.get(email=DEMO_FACILITATOR)))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(DEMO_ORGANISATION)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_ORGANISATION)
    assert_accessible(page)

    page.get_by_role("link", name=demo.assessment.cycle_label).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("self-assessment")
    table = page.get_by_role("table", name="Results by component")
    expect(table.get_by_role("row")).to_have_count(6)
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("NHS IMPACT organisation")).click()
    expect(page.get_by_role("heading", level=2, name="The scale")).to_be_visible()
    page.get_by_text(demo.assessment.framework.statements()[0].text).click()
    expect(
        page.get_by_text(demo.assessment.framework.statements()[0].descriptors[5])
    ).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/frameworks/")
    assert_accessible(page)


def test_sign_in_works_without_javascript(live_server, no_js_page, library_loaded):
    User.objects.create_user("lead@example.nhs.uk", "a long enough password")
    page = no_js_page
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill("lead@example.nhs.uk")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_sign_in_by_keyboard_on_a_phone(live_server, phone_page, assert_accessible):
    User.objects.create_user("lead@example.nhs.uk", "a long enough password")
    page = phone_page
    page.goto(live_server.url + "/sign-in/")
    assert_accessible(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.get_by_label("Email address").focus()
    page.keyboard.type("lead@example.nhs.uk")
    page.keyboard.press("Tab")
    page.keyboard.type("a long enough password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
