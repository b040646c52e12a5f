"""Every plan page in a real headless Chromium, checked with axe-core, and the plan's filters
used with JavaScript turned off. Skipped when the system Chromium is missing, like the
journeys in tests/system."""

import os

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from selfassess.organisations.models import Role
from selfassess.plans.demo import add_demo_plan

CHROMIUM = os.environ.get("SELFASSESS_CHROMIUM", "/usr/bin/chromium")
BLOCKING = {"serious", "critical"}

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def test_plan_pages_pass_axe_and_filter_without_javascript(
    browser, live_server, member_of, assessment
):
    from axe_playwright_python.sync_playwright import Axe

    user = member_of(assessment.organisation, Role.FACILITATOR)
    actions = add_demo_plan(assessment, user)
    client = Client()
    client.force_login(user)
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    with_js = browser.new_context()
    with_js.add_cookies([cookie])
    page = with_js.new_page()
    pk = assessment.pk
    paths = [
        reverse("plans:plan", args=[pk]),
        reverse("plans:plan", args=[pk]) + "?view=component&status=lost",
        reverse("plans:priorities", args=[pk]),
        reverse("plans:create", args=[pk]) + "?statement=a-1",
        reverse("plans:action", args=[pk, actions[1].pk]),
        reverse("plans:edit", args=[pk, actions[1].pk]),
        reverse("assessments:overview", args=[pk]),
    ]
    axe = Axe()
    for path in paths:
        page.goto(live_server.url + path)
        violations = [
            f"{v['id']}: {v['help']}"
            for v in axe.run(page).response["violations"]
            if v.get("impact") in BLOCKING
        ]
        assert not violations, f"{path}: {violations}"

    without_js = browser.new_context(java_script_enabled=False)
    without_js.add_cookies([cookie])
    page = without_js.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("plans:plan", args=[pk]))
    page.get_by_text("Filter the actions").click()
    page.get_by_label("Status", exact=True).select_option("done")
    page.get_by_role("button", name="Apply filters").click()
    assert "status=done" in page.url
    assert page.get_by_text("1 action shown, filtered").is_visible()
