"""Signing in as people do, in a real browser: a colleague's first sign-in from the email an
admin's adding sent; coming back a week later and asking for a link; single sign-on against
the loopback OpenID Connect provider; an admin turning on two factors and signing in with
them. Every page is checked with axe-core."""

import re

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from selfassess.accounts.tokens import sign_in_path
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory
from tests.security.oidc import TENANT, start_provider, stop_provider

pytestmark = pytest.mark.django_db(transaction=True)


def link_in(message, base):
    return re.search(re.escape(base) + r"(/sign-in/link/\S+/)", message.body).group(1)


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_colleague_added_by_an_admin_signs_in_from_the_email(
    live_server, browser, page, assert_accessible
):
    organisation = OrganisationFactory(name="Valley NHS Trust")
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).user
    page.goto(live_server.url + sign_in_path(admin))
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/people/")
    page.get_by_label("Email address").fill("new.colleague@example.nhs.uk")
    page.get_by_label("Viewer").check()
    page.get_by_role("button", name=re.compile("Add")).click()
    expect(page.get_by_text("We have emailed them")).to_be_visible()

    message = mail.outbox[-1]
    assert message.to == ["new.colleague@example.nhs.uk"]
    assert "NHS IMPACT" in message.body and "Email me a sign-in link" in message.body
    colleague = browser.new_context().new_page()
    colleague.goto(live_server.url + link_in(message, live_server.url))
    expect(heading(colleague)).to_have_text("Sign in")
    expect(colleague.get_by_text("new.colleague@example.nhs.uk")).to_be_visible()
    assert_accessible(colleague)
    colleague.get_by_role("button", name="Sign in", exact=True).click()
    expect(heading(colleague)).to_have_text("Your organisations")
    expect(colleague.get_by_role("link", name=re.compile("Valley NHS Trust"))).to_be_visible()
    colleague.context.close()


def test_a_person_comes_back_a_week_later_and_asks_for_a_link(live_server, page, assert_accessible):
    MembershipFactory(user__email="board.member@example.nhs.uk", role=Role.VIEWER)
    page.goto(live_server.url + "/sign-in/")
    assert_accessible(page)
    page.get_by_label("Your work email").fill("board.member@example.nhs.uk")
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(heading(page)).to_have_text("Check your email")
    assert_accessible(page)
    page.goto(live_server.url + link_in(mail.outbox[-1], live_server.url))
    page.get_by_label("Stay signed in for the working day").check()
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(heading(page)).to_have_text("Your organisations")
    # The link is spent: opening it again offers a new one in one step.
    page.goto(live_server.url + link_in(mail.outbox[-1], live_server.url))
    expect(heading(page)).to_have_text("This sign-in link has expired")
    assert_accessible(page)


@pytest.fixture
def provider_for_live_server(live_server, settings):
    running = start_provider(app=live_server.url)
    settings.SELFASSESS_SSO = running.sso_settings()
    yield running
    stop_provider(running)


def test_a_person_signs_in_with_single_sign_on(
    live_server, page, provider_for_live_server, assert_accessible
):
    MembershipFactory(user__email="board.member@example.nhs.uk", role=Role.VIEWER)
    page.goto(live_server.url + "/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with NHSmail").click()
    page.get_by_label("Email").fill("board.member@example.nhs.uk")
    page.get_by_label("Tenant").fill(TENANT)
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page)).to_have_text("Your organisations")
    expect(page.get_by_text("board.member@example.nhs.uk")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_an_admin_turns_on_two_factors_and_signs_in_with_them(live_server, page, assert_accessible):
    admin = MembershipFactory(role=Role.ADMIN, user__email="admin@example.nhs.uk").user
    admin.set_password("a long and correct passphrase")
    admin.save()
    page.goto(live_server.url + sign_in_path(admin))
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(live_server.url + "/account/two-factor/")
    assert_accessible(page)
    page.get_by_role("link", name="Turn on two factors").click()
    expect(heading(page)).to_have_text("Set up two factors")
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=admin)
    page.get_by_label("Code from the app").fill(code(device))
    page.get_by_role("button", name="Turn on two factors").click()
    expect(heading(page)).to_contain_text("keep your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("button", name="Sign out").click()

    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address", exact=True).fill(admin.email)
    page.get_by_label("Password").fill("a long and correct passphrase")
    page.get_by_role("button", name="Sign in with password").click()
    expect(heading(page)).to_have_text("Enter the code from your authenticator app")
    assert_accessible(page)
    page.get_by_label("Code").fill(code(device, next_step=True))
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Your organisations")


def code(device, next_step=False):
    """What the person's app shows (the next 30 seconds' code the second time, as a code
    is never accepted twice)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    if next_step:
        totp.time += device.step
    return f"{totp.token():06d}"
