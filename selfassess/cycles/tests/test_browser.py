"""In a real browser, on the demo: compare, trend, survey import and the next cycle, each page
checked with axe-core (no serious or critical violation) and used without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from selfassess.accounts.models import User
from selfassess.accounts.tokens import sign_in_path
from selfassess.demo.generator import DEMO_FACILITATOR, create_demo

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_compares_cycles_and_starts_the_next(
    live_server,
    no_js_page,
    library_loaded,
    assert_accessible,
    tmp_path,
):
    demo = create_demo()
    page = no_js_page
    page.goto(live_server.url + sign_in_path(User.objects.get(email=DEMO_FACILITATOR)))
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(f"{live_server.url}/assessments/{demo.assessment.pk}/")
    expect(page.get_by_role("heading", name="Cycles over time")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Compare with")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare cycles")
    expect(page.get_by_role("table", name="Change by component")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Earlier cycle").select_option(label=f"{demo.assessment.cycle_label} (open)")
    previous = demo.assessment.previous.cycle_label
    page.get_by_label("Later cycle").select_option(label=f"{previous} (complete)")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("alert")).to_contain_text("must have started before")
    assert_accessible(page)

    page.goto(f"{live_server.url}/assessments/{demo.assessment.pk}/cycles/trend/")
    expect(page.get_by_role("table", name="Median level by component and cycle")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Import staff survey indicators").click()
    bad = tmp_path / "survey.csv"
    bad.write_text("2025,q1,Label,120\n")
    page.get_by_label("Upload a CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("table", name="Rows to fix")).to_contain_text("outside 0 to 100")
    assert_accessible(page)

    page.goto(f"{live_server.url}/assessments/{demo.assessment.pk}/")
    page.get_by_role("button", name="Close the assessment now").click()
    page.get_by_role("button", name="Close the assessment", exact=True).click()  # confirm
    page.get_by_role("button", name="Start the next cycle").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start the next cycle").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the closing date")
    assert_accessible(page)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(str(demo.assessment.closes_on.year + 2))
    page.get_by_role("button", name="Start the next cycle").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("self-assessment")
    expect(page.get_by_role("link", name=re.compile("Compare with"))).to_be_visible()
