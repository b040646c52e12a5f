"""The report, downloads, import and data pages in a real browser: axe-core finds no serious
or critical problem, and the import works with the keyboard and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from selfassess.accounts.models import User
from selfassess.accounts.tokens import sign_in_path
from selfassess.demo.generator import DEMO_ADMIN, create_demo

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(library_loaded):
    return create_demo()


def sign_in(live_server, page):
    page.goto(live_server.url + sign_in_path(User.objects.get(email=DEMO_ADMIN)))
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_report_and_data_pages_are_accessible(live_server, page, demo, assert_accessible):
    sign_in(live_server, page)
    pk = demo.assessment.pk
    page.goto(f"{live_server.url}/assessments/{pk}/")
    expect(page.get_by_role("heading", name="Report and data")).to_be_visible()
    page.get_by_role("link", name="Report to the board", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("report to the board")
    assert_accessible(page)
    for path in ["report/settings/", "data/", "import/", "delete/"]:
        page.goto(f"{live_server.url}/assessments/{pk}/{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/organisations/{demo.organisation.pk}/data/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Delete all")).click()
    expect(page.get_by_role("alert")).to_contain_text("Type the name to confirm")
    assert_accessible(page)


def test_import_without_javascript(live_server, no_js_page, demo, assert_accessible, tmp_path):
    from selfassess.assessments.models import Assessment, ParticipantGroup

    page = no_js_page
    sign_in(live_server, page)
    # Answers can only be imported into an assessment nobody has answered in the service.
    fresh = Assessment.objects.create(
        organisation=demo.organisation,
        framework_version=demo.assessment.framework_version,
        cycle_label="Collected on paper",
        status="open",
    )
    for group in demo.assessment.groups.all():
        ParticipantGroup.objects.create(assessment=fresh, name=group.name, position=group.position)
    pk = fresh.pk
    first = fresh.framework.statements()[0]
    csv_file = tmp_path / "answers.csv"
    csv_file.write_text(f"Timestamp,{first.id}\n1 May,3\n2 May,Maybe\n")
    page.goto(f"{live_server.url}/assessments/{pk}/import/")
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Upload and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the columns")
    assert_accessible(page)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the answers to levels")
    assert_accessible(page)
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose what the answer")
    page.get_by_label("Answer: Maybe").select_option("blank")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the rows")
    assert_accessible(page)
    # "Maybe" means no answer, so that row answers nothing: it must be dropped explicitly.
    expect(page.get_by_text("1 row is ready to import. 1 row has problems.")).to_be_visible()
    page.get_by_role("button", name="Import 1 row").click()
    expect(page.get_by_role("alert")).to_contain_text("Tick the box")
    page.get_by_label(re.compile("Leave out the row listed above")).check()
    page.get_by_role("button", name="Import 1 row").click()
    expect(page.get_by_text("Answers from 1 person were imported")).to_be_visible()
