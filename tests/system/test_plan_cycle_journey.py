"""The plan-and-cycles journey of issue 5, end to end in a real browser, on the demo.

The demo facilitator reads a component's results, adds an action to the development plan from
one of its statements, reads the plan checker's advice on it, edits the action until the
checker has nothing left to say, marks it done, closes the assessment, starts the next cycle
and reads the comparison of the last two answered cycles. The comparison figures checked are
worked out here from the raw answers and agreed levels in the database, with the standard
library's statistics module, never with the service's own analysis.

axe-core runs on every page on the way and fails the test on any serious or critical problem.
"""

import datetime
import re
import statistics

import pytest
from playwright.sync_api import expect

from selfassess.accounts.models import User
from selfassess.accounts.tokens import sign_in_path
from selfassess.analysis import OVERALL
from selfassess.assessments.models import Assessment, ConsensusRating, Response
from selfassess.demo.generator import DEMO_FACILITATOR, create_demo
from selfassess.disclosure import gate
from selfassess.disclosure.models import ReleaseKind
from selfassess.plans.models import Action
from tests.browser import table_rows

pytestmark = pytest.mark.django_db(transaction=True)

MINUS = "\N{MINUS SIGN}"
EN_DASH = "\N{EN DASH}"

# The first draft is the kind of action the checker exists for: no owner, no date, no
# measure, a grand word and no verb anyone could act on this month.
VAGUE_TITLE = "Embed a world-class improvement culture across the organisation"
PLAIN_TITLE = "Run a two-day improvement skills course for ward managers"
OWNER = "Head of Quality Improvement"
MEASURE = "40 ward managers trained by the due date, each leading one test of change."
CHECKER_SAYS = {
    "no-owner": "Nobody owns this action",
    "no-date": "There is no due date",
    "no-measure": "There is no measure of success",
    "grand-words": "promise impact without saying what will be done",
    "no-verb": "The title does not say what anyone will do",
}


# -- the figures, worked out independently ----------------------------------------------------


def level_text(value):
    """A level as the pages write it: 3, 3.5, 3.25, or a dash when there is none."""
    if value is None:
        return EN_DASH
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def signed_text(later, earlier):
    """A change as the pages write it: +0.5, a true minus sign before a fall, 0 for none."""
    if later is None or earlier is None:
        return EN_DASH
    change = later - earlier
    if change == 0:
        return "0"
    return ("+" if change > 0 else MINUS) + level_text(abs(change))


def answered_median(assessment, statement_ids):
    """The median of every rated answer (don't know left out) to these statements, as the
    cycle's latest release holds them: only statements whose figures for everyone it shows
    (the disclosure gate decides which), and, for a snapshot, only people who had submitted."""
    release = gate.latest_release(assessment)
    shown = [sid for sid in statement_ids if OVERALL not in release.withheld.get(sid, {})]
    responses = Response.objects.filter(
        participant__assessment=assessment, statement_id__in=shown, level__isnull=False
    )
    if release.kind == ReleaseKind.SNAPSHOT:
        responses = responses.filter(participant__completed_at__isnull=False)
    levels = list(responses.values_list("level", flat=True))
    return statistics.median(levels) if levels else None


def agreed_levels(assessment):
    return dict(
        ConsensusRating.objects.filter(
            assessment=assessment, current_level__isnull=False
        ).values_list("statement_id", "current_level")
    )


def component_agreed(earlier, later, statement_ids):
    """The median agreed level over the statements agreed in both cycles, for each cycle."""
    before, after = agreed_levels(earlier), agreed_levels(later)
    both = [sid for sid in statement_ids if sid in before and sid in after]
    if not both:
        return None, None
    return statistics.median(before[s] for s in both), statistics.median(after[s] for s in both)


# -- the journey -------------------------------------------------------------------------------


@pytest.fixture
def demo(library_loaded):
    return create_demo()


def test_an_action_from_a_statement_is_checked_fixed_done_and_the_next_cycle_compared(
    live_server, page, demo, assert_accessible
):
    base = live_server.url
    assessment = demo.assessment
    framework = assessment.framework
    component = framework.components[0]
    statement = component.statements[2]  # 1.3: the demo plan has no action for it

    page.goto(base + sign_in_path(User.objects.get(email=DEMO_FACILITATOR)))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    assert_accessible(page)

    action = add_action_from_statement(
        page, base, assessment, component, statement, assert_accessible
    )
    check_and_fix(page, base, assessment, action, assert_accessible, statement)
    mark_done(page, action, assert_accessible)
    close_and_start_next_cycle(page, base, assessment, assert_accessible)
    compare(page, assessment, assert_accessible, statement)


def add_action_from_statement(page, base, assessment, component, statement, assert_accessible):
    page.goto(f"{base}/assessments/{assessment.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="See the full results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results by component")
    assert_accessible(page)
    page.get_by_role("link", name=component.title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(component.title)
    assert_accessible(page)
    # The action is added from under the statement's own heading.
    link = page.locator(f"xpath=//h2[@id='statement-{statement.id}']/following-sibling::p[1]/a")
    expect(link).to_have_text("Add an action for statement 1.3 to the development plan")
    expect(
        page.get_by_role("link", name=re.compile(r"^Add an action for statement"))
    ).to_have_count(len(component.statements))
    link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    expect(
        page.get_by_text(f"This action starts from statement 1.3: {statement.text}")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill(VAGUE_TITLE)
    page.get_by_label("Short term (0 to 3 months)").check()
    page.get_by_label("High", exact=True).check()
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VAGUE_TITLE)
    action = Action.objects.get(assessment=assessment, title=VAGUE_TITLE)
    assert list(action.statement_ids) == [statement.id]  # prefilled from the statement
    return action


def findings_box(page):
    return page.locator(".nhsuk-card--warning", has_text="Things to check")


def check_and_fix(page, base, assessment, action, assert_accessible, statement):
    """Each round of editing clears some advice; the last leaves none."""
    rows = page.locator(".nhsuk-summary-list")
    expect(rows).to_contain_text(f"1.3 {statement.text}")
    box = findings_box(page)
    for said in CHECKER_SAYS.values():
        expect(box).to_contain_text(said)
    assert_accessible(page)

    # First round: an owner, a date and a measure. The wording is still vague.
    page.get_by_role("link", name="Change the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the action")
    assert_accessible(page)
    page.get_by_label("Owner", exact=True).fill(OWNER)
    due = datetime.date.today() + datetime.timedelta(days=60)
    page.get_by_label("Day", exact=True).fill(str(due.day))
    page.get_by_label("Month", exact=True).fill(str(due.month))
    page.get_by_label("Year", exact=True).fill(str(due.year))
    page.get_by_label("Measure of success").fill(MEASURE)
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("The action is saved.")).to_be_visible()
    box = findings_box(page)
    for code in ("no-owner", "no-date", "no-measure"):
        expect(box).not_to_contain_text(CHECKER_SAYS[code])
    for code in ("grand-words", "no-verb"):
        expect(box).to_contain_text(CHECKER_SAYS[code])
    assert_accessible(page)

    # Second round: say what will be done.
    page.get_by_role("link", name="Change the action").click()
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill(PLAIN_TITLE)
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAIN_TITLE)
    expect(findings_box(page)).to_have_count(0)
    assert_accessible(page)

    # The plan agrees: the action is listed, with nothing to check.
    page.goto(f"{base}/assessments/{assessment.pk}/plan/")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=PLAIN_TITLE))
    expect(row).to_contain_text(OWNER)
    expect(row).to_contain_text("Statement 1.3")
    expect(row).not_to_contain_text("to check")
    page.get_by_role("link", name=PLAIN_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAIN_TITLE)


def mark_done(page, action, assert_accessible):
    page.get_by_role("group", name="What is the status of this action?").get_by_label(
        "Done", exact=True
    ).check()
    page.get_by_role("button", name="Change the status").click()
    expect(page.locator("main .nhsuk-tag").first).to_have_text("Done")
    assert_accessible(page)
    action.refresh_from_db()
    assert action.status == "done"


def close_and_start_next_cycle(page, base, assessment, assert_accessible):
    page.goto(f"{base}/assessments/{assessment.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Close the assessment now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close the assessment")
    assert_accessible(page)
    page.get_by_role("button", name="Close the assessment", exact=True).click()
    expect(page.get_by_role("button", name="Start the next cycle")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the next cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start the next cycle")
    assert_accessible(page)
    closes = datetime.date.today() + datetime.timedelta(days=365)
    page.get_by_label("Day", exact=True).fill(str(closes.day))
    page.get_by_label("Month", exact=True).fill(str(closes.month))
    page.get_by_label("Year", exact=True).fill(str(closes.year))
    page.get_by_role("button", name="Start the next cycle").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("self-assessment")
    assert_accessible(page)
    next_cycle = Assessment.objects.get(previous=assessment)
    assert next_cycle.status == "draft"
    assert not Response.objects.filter(participant__assessment=next_cycle).exists()


def compare(page, assessment, assert_accessible, statement):
    """From the new draft, the comparison shows the last two cycles people answered: the one
    just closed against the one before it."""
    page.get_by_role("link", name=f"Compare with {assessment.cycle_label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare cycles")
    earlier = assessment.previous
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        f"{earlier.cycle_label} compared with {assessment.cycle_label}"
    )
    assert_accessible(page)

    framework = assessment.framework
    rows = table_rows(page.get_by_role("table", name="Change by component"))
    assert list(rows) == [c.title for c in framework.components]
    for component in framework.components:
        ids = [s.id for s in component.statements]
        before, after = answered_median(earlier, ids), answered_median(assessment, ids)
        agreed_before, agreed_after = component_agreed(earlier, assessment, ids)
        assert rows[component.title] == [
            level_text(before),
            level_text(after),
            signed_text(after, before),
            level_text(agreed_before),
            level_text(agreed_after),
            signed_text(agreed_after, agreed_before),
        ], component.title

    # The statement the action was added from, in the table of every statement.
    statements = table_rows(page.get_by_role("table", name="Change by statement"))
    shown = statements[f"1.3 {statement.text}"]
    before = answered_median(earlier, [statement.id])
    after = answered_median(assessment, [statement.id])
    agreed_before = agreed_levels(earlier).get(statement.id)
    agreed_after = agreed_levels(assessment).get(statement.id)
    assert shown[:6] == [
        level_text(before),
        level_text(after),
        signed_text(after, before),
        level_text(agreed_before),
        level_text(agreed_after),
        signed_text(agreed_after, agreed_before),
    ]
