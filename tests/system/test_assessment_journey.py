"""The assessment journey of issue 3, end to end in a real browser.

A facilitator signs in, sets up an organisation and an assessment, opens it and invites five
people by pasting a list. They answer every statement: one with the keyboard alone, one on a
320-pixel-wide phone, one who says "don't know" to some statements, comments, stops half way
and finishes on another browser with JavaScript turned off, and two more with a pointer.
Results are released, not computed live: the facilitator takes a snapshot once two have
submitted (too few to show anything), and another once all five have, then reads the results.
Every figure checked is worked out here from the answers chosen below, with the standard
library's statistics module, never with the service's own analysis.

axe-core runs on every page on the way and fails the test on any serious or critical problem.
"""

import datetime
import re
import statistics
from fractions import Fraction

import pytest
from playwright.sync_api import expect

from selfassess.accounts.models import User
from selfassess.accounts.tokens import sign_in_path
from selfassess.assessments.models import Assessment
from selfassess.mail.testing import run_worker
from tests.browser import fits_viewport, press_tab_until, summary_list, table_rows

pytestmark = pytest.mark.django_db(transaction=True)

ORGANISATION = "Riverside Community NHS Trust"
CYCLE = "2026/27"
GROUP = "Board"
OTHER_GROUP = "Front-line staff"
THRESHOLD = 3
COMMENT = "We talk about this at board, but rarely on ward visits."
D = "dont_know"

# What each participant answers, component by component, statement by statement (the Board
# improvement leadership framework has 5 components of 5 statements on a 1 to 5 scale).
ANSWERS = {
    "unsure": [  # says "don't know" three times and comments once
        [D, D, 2, 3, 4],
        [1, 2, 3, 4, 5],
        [2, 2, 3, 3, 4],
        [3, D, 4, 4, 5],
        [1, 1, 2, 2, 3],
    ],
    "keyboard": [
        [3, 4, 2, 3, 5],
        [2, 2, 3, 3, 3],
        [4, 1, 3, 5, 4],
        [3, 3, 4, 2, 5],
        [2, 3, 2, 4, 1],
    ],
    "phone": [
        [4, 4, 5, 1, 3],
        [3, 1, 3, 5, 4],
        [2, 5, 3, 4, 4],
        [4, 2, 4, 3, 5],
        [1, 2, 2, 3, 3],
    ],
    "fourth": [
        [3, 2, 3, 3, 4],
        [2, 3, 3, 4, 4],
        [3, 3, 3, 4, 3],
        [4, 3, 5, 3, 4],
        [2, 2, 3, 3, 2],
    ],
    "fifth": [
        [5, 3, 4, 2, 4],
        [3, 2, 4, 3, 5],
        [2, 4, 3, 4, 4],
        [3, 2, 4, 4, 4],
        [1, 3, 2, 2, 3],
    ],
}
PEOPLE = len(ANSWERS)
COMMENTED = (0, 2)  # the "unsure" participant comments on statement 1.3
RADIO_ORDER = [1, 2, 3, 4, 5, D]  # the answers in the order the page lists them


# -- the figures, worked out independently ----------------------------------------------------


def level_text(value):
    """A level as the pages write it: 3, 3.5, 3.25."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def agreement_text(value):
    """Agreement as the pages write it: two decimal places, rounded down (0.4963 is 0.49), so
    it never reads on the wrong side of the contested line; an en dash when there is none."""
    if value is None:
        return "\N{EN DASH}"
    hundredths = int(Fraction(value).limit_denominator(10**6) * 100)  # floor: value >= 0
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def spread_text(value):
    """A spread as the pages write it: to one decimal place (half to even), in levels."""
    value = Fraction(value)
    text = str(int(value)) if value.denominator == 1 else f"{float(value):.1f}"
    return f"{text} level" if text == "1" else f"{text} levels"


def figures(answers):
    """Median, quartiles, r_wg and don't-know share of a list of answers, by textbook formulas:
    quartiles by the "inclusive" method (Hyndman and Fan type 7), r_wg = 1 - s^2 / 2, 2 being
    the variance of random answers on five levels, (5^2 - 1) / 12, and never below 0. r_wg
    is given only for at least 5 rated answers (below that, agreement by chance is common)."""
    rated = [answer for answer in answers if answer != D]
    q1, median, q3 = statistics.quantiles(rated, n=4, method="inclusive")
    assert median == statistics.median(rated)
    variance = statistics.variance(map(Fraction, rated)) if len(rated) >= 5 else None
    return {
        "n": len(answers),
        "median": median,
        "q1": q1,
        "q3": q3,
        "variance": variance,
        "rwg": None if variance is None else max(0.0, 1 - variance / 2),
        "dont_know": f"{100 * answers.count(D) / len(answers):.0f}%",
    }


def statement_answers(c, s, who=ANSWERS):
    return [who[person][c][s] for person in who]


def component_answers(c, who=ANSWERS):
    return [answer for s in range(5) for answer in statement_answers(c, s, who)]


def component_agreement(c):
    """A component's agreement: the mean r_wg of its statements that have one."""
    values = [figures(statement_answers(c, s))["rwg"] for s in range(5)]
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


# -- the journey -------------------------------------------------------------------------------


@pytest.fixture
def facilitator(library_loaded):
    return User.objects.create_user("improvement.lead@example.nhs.uk", "a long enough password")


def test_facilitator_invites_five_people_and_reads_their_results(
    live_server, browser, page, phone_page, no_js_page, facilitator, mailoutbox, assert_accessible
):
    base = live_server.url
    assessment_url = set_up_assessment(page, base, facilitator, assert_accessible)
    assessment = Assessment.objects.get()
    framework = assessment.framework
    links = invite_all(page, assessment_url, mailoutbox, assert_accessible)

    unsure_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        answer_by_pointer(
            unsure_context.new_page(), links["unsure"], framework, "unsure", assert_accessible
        )
    finally:
        unsure_context.close()
    finish_without_javascript(no_js_page, links["unsure"], framework, assert_accessible)

    keyboard_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        answer_by_keyboard(keyboard_context.new_page(), links["keyboard"], framework)
    finally:
        keyboard_context.close()

    # Two have submitted: with a threshold of 3, a snapshot now shows nothing, so the comment
    # and the group stay hidden.
    release_snapshot(page, assessment_url, assert_accessible)
    first = framework.components[0]
    page.goto(f"{assessment_url}results/components/{first.id}/")
    assert_accessible(page)
    expect(page.get_by_text(re.compile("2 people\\) shows no figures"))).to_be_visible()
    expect(page.get_by_text(COMMENT)).to_have_count(0)
    page.goto(f"{assessment_url}results/groups/")
    assert_accessible(page)
    expect(page.get_by_text(re.compile("2 people\\) shows no figures"))).to_be_visible()
    expect(page.locator("table.nhsuk-table")).to_have_count(0)

    answer_on_a_phone(phone_page, links["phone"], framework, assert_accessible)
    for who in ("fourth", "fifth"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            answer_by_pointer_in_one_go(context.new_page(), links[who], framework, who)
        finally:
            context.close()

    # Three more have submitted since the snapshot (which showed nothing anyway): release.
    release_snapshot(page, assessment_url, assert_accessible)

    check_completion(page, assessment_url, assert_accessible)
    check_overview(page, assessment_url, framework, assert_accessible)
    check_component(page, assessment_url, framework, assert_accessible)
    check_where_to_start(page, assessment_url, framework, assert_accessible)
    check_groups(page, assessment_url, framework, assert_accessible)


def set_up_assessment(page, base, facilitator, assert_accessible):
    """Sign in with a one-time link, set up the organisation and a draft, and open it."""
    page.goto(base + sign_in_path(facilitator))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    assert_accessible(page)

    page.get_by_role("link", name="Create an organisation").click()
    assert_accessible(page)
    page.get_by_label("Organisation name").fill(ORGANISATION)
    page.get_by_label("Type of organisation").select_option(label="Community trust")
    page.get_by_label("Region").select_option(label="South West")
    page.get_by_label("Number of staff").select_option(label="3,000 to 7,999 staff")
    page.get_by_role("button", name="Set up organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)
    assert_accessible(page)

    page.get_by_role("button", name="Create an assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an assessment")
    assert_accessible(page)
    page.get_by_label("Board improvement leadership").check()
    page.get_by_label("Cycle label").fill(CYCLE)
    groups = page.get_by_role("group", name="Groups taking part")
    for checkbox in groups.get_by_role("checkbox").all():
        checkbox.uncheck()
    groups.get_by_label(GROUP, exact=True).check()
    groups.get_by_label(OTHER_GROUP, exact=True).check()
    page.get_by_label("Anonymity threshold").fill(str(THRESHOLD))
    closes = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Day").fill(str(closes.day))
    page.get_by_label("Month").fill(str(closes.month))
    page.get_by_label("Year").fill(str(closes.year))
    page.get_by_label("Introduction for participants (optional)").fill(
        "The board wants to see where it stands as leaders of improvement."
    )
    page.get_by_role("button", name="Create the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{CYCLE} self-assessment")
    assert_accessible(page)

    page.get_by_role("button", name="Open the assessment").click()
    expect(page.get_by_text("Open", exact=True)).to_be_visible()
    assert_accessible(page)
    return page.url


def release_snapshot(page, assessment_url, assert_accessible):
    """What a facilitator does to see results while the assessment is open."""
    page.goto(assessment_url)
    page.get_by_role("button", name="Release a snapshot of the results now").click()
    assert_accessible(page)


def invite_all(page, assessment_url, mailoutbox, assert_accessible):
    """Paste a list of the five people and return each one's personal link from their email."""
    page.goto(assessment_url)
    page.get_by_role("link", name="Invite people by email").click()
    assert_accessible(page)
    emails = {who: f"{who}.participant@example.nhs.uk" for who in ANSWERS}
    page.get_by_label("Paste the list").fill(
        "email,group\n" + "\n".join(f"{email},{GROUP}" for email in emails.values())
    )
    page.get_by_role("button", name="Check and send invitations").click()
    assert_accessible(page)
    assert mailoutbox == []  # queued, not sent inside the request
    run_worker()
    assert len(mailoutbox) == PEOPLE
    # The people page shows each email as sent.
    page.goto(assessment_url.rstrip("/") + "/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People invited by email")
    expect(page.locator("td .nhsuk-tag", has_text="Sent")).to_have_count(PEOPLE)
    assert_accessible(page)
    links = {}
    for who, email in emails.items():
        (message,) = [m for m in mailoutbox if m.to == [email]]
        assert f"“{GROUP}” group" in message.body
        links[who] = re.search(r"http://\S+/take-part/\S+/", message.body).group(0)
    assert len(set(links.values())) == PEOPLE
    return links


# -- participants ------------------------------------------------------------------------------


def choose(page, statement_id, answer):
    page.locator(f'input[name="answer-{statement_id}"][value="{answer}"]').check()


def answer_by_pointer(page, link, framework, who, assert_accessible):
    """The "unsure" participant's first visit: two sections, then "save and come back later"."""
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start")
    expect(page.get_by_text("There are 25 statements in 5 sections")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start").click()
    for c, component in enumerate(framework.components[:2]):
        expect(page.get_by_role("heading", level=1)).to_have_text(component.title)
        assert_accessible(page)
        for s, statement in enumerate(component.statements):
            choose(page, statement.id, ANSWERS[who][c][s])
        if c == 0:
            page.get_by_label(f"Comment on statement {COMMENTED[1] + 1} (optional)").fill(COMMENT)
            expect(
                page.get_by_text(f"You have {2000 - len(COMMENT):,} characters remaining")
            ).to_be_visible()
            page.get_by_role("button", name="Save and continue").click()
        else:
            page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been saved")
    assert_accessible(page)


def finish_without_javascript(page, link, framework, assert_accessible):
    """The same person comes back on another browser, with JavaScript off, and finishes."""
    page.goto(link)
    # The link opens at the first statement not yet answered: the third section.
    expect(page.get_by_role("heading", level=1)).to_have_text(framework.components[2].title)
    expect(page).to_have_url(re.compile(rf"#answer-{framework.components[2].statements[0].id}$"))
    expect(page.get_by_text("You have answered 10 of 25 statements")).to_be_visible()
    assert_accessible(page)
    # Back in the section they left, the answers they saved are there.
    page.get_by_role("link", name="Back").click()
    left = framework.components[1]
    expect(page.get_by_role("heading", level=1)).to_have_text(left.title)
    for s, statement in enumerate(left.statements):
        checked = page.locator(f'input[name="answer-{statement.id}"]:checked')
        expect(checked).to_have_value(str(ANSWERS["unsure"][1][s]))
    page.get_by_role("button", name="Save and continue").click()
    for c in range(2, 5):
        component = framework.components[c]
        expect(page.get_by_role("heading", level=1)).to_have_text(component.title)
        assert_accessible(page)
        for s, statement in enumerate(component.statements):
            choose(page, statement.id, ANSWERS["unsure"][c][s])
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text(f"Your comment: {COMMENT}")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")
    assert_accessible(page)


def answer_by_pointer_in_one_go(page, link, framework, who):
    page.goto(link)
    page.get_by_role("button", name="Start").click()
    for c, component in enumerate(framework.components):
        expect(page.get_by_role("heading", level=1)).to_have_text(component.title)
        for s, statement in enumerate(component.statements):
            choose(page, statement.id, ANSWERS[who][c][s])
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")


def answer_by_keyboard(page, link, framework):
    """Tab to each statement's answers, Space to pick the first, arrow keys to move to the
    one wanted; Tab and Enter for every button. Nothing is clicked."""
    page.goto(link)
    press_tab_until(page, "el.textContent.trim() === 'Start'")
    page.keyboard.press("Enter")
    for c, component in enumerate(framework.components):
        expect(page.get_by_role("heading", level=1)).to_have_text(component.title)
        for s, statement in enumerate(component.statements):
            answer = ANSWERS["keyboard"][c][s]
            press_tab_until(page, f"el.name === 'answer-{statement.id}'")
            page.keyboard.press("Space")
            for _ in range(RADIO_ORDER.index(answer)):
                page.keyboard.press("ArrowDown")
            expect(page.locator(f'input[name="answer-{statement.id}"]:checked')).to_have_value(
                str(answer)
            )
        press_tab_until(page, "el.textContent.trim() === 'Save and continue'")
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    press_tab_until(page, "el.textContent.trim() === 'Submit my answers'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")


def answer_on_a_phone(page, link, framework, assert_accessible):
    """320 by 640 pixels: every page must fit without scrolling sideways."""
    page.goto(link)
    assert fits_viewport(page)
    assert_accessible(page)
    page.get_by_role("button", name="Start").click()
    for c, component in enumerate(framework.components):
        expect(page.get_by_role("heading", level=1)).to_have_text(component.title)
        assert fits_viewport(page)
        assert_accessible(page)
        for s, statement in enumerate(component.statements):
            choose(page, statement.id, ANSWERS["phone"][c][s])
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert fits_viewport(page)
    assert_accessible(page)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")
    assert fits_viewport(page)
    assert_accessible(page)


# -- the facilitator reads the results ---------------------------------------------------------


def comments_after(page, statement_id):
    """The paragraph under the "Comments" heading that follows a statement's heading."""
    return page.locator(
        f"xpath=//h2[@id='statement-{statement_id}']/following-sibling::h3[1]"
        "/following-sibling::*[1]"
    )


def check_completion(page, assessment_url, assert_accessible):
    page.goto(assessment_url)
    assert_accessible(page)
    rows = table_rows(page.get_by_role("table", name="Completion by group"))
    assert rows[GROUP] == ["5", "5 (100%)", "5 (100%)"]
    assert rows[OTHER_GROUP] == ["0", "0", "0"]


def check_overview(page, assessment_url, framework, assert_accessible):
    page.goto(assessment_url)
    page.get_by_role("link", name="See the full results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results by component")
    assert_accessible(page)
    rows = table_rows(page.get_by_role("table", name="Figures by component"))
    assert list(rows) == [component.title for component in framework.components]
    for c, component in enumerate(framework.components):
        expected = figures(component_answers(c))
        assert rows[component.title] == [
            level_text(expected["median"]),
            f"{level_text(expected['q1'])} to {level_text(expected['q3'])}",
            agreement_text(component_agreement(c)),
            expected["dont_know"],
            "25",
        ], component.title


def check_component(page, assessment_url, framework, assert_accessible):
    first = framework.components[0]
    page.goto(assessment_url + "results/")
    page.get_by_role("link", name=first.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    assert_accessible(page)
    for s, statement in enumerate(first.statements):
        expected = figures(statement_answers(0, s))
        shown = summary_list(
            page.locator(f"xpath=//h2[@id='statement-{statement.id}']/following-sibling::dl[1]")
        )
        assert shown == {
            "Median level": level_text(expected["median"]),
            "Agreement": agreement_text(expected["rwg"]),
            "Don't know": expected["dont_know"],
            "Spread of the middle half": spread_text(expected["q3"] - expected["q1"]),
            "Answers": str(PEOPLE),
        }, statement.id
    # Worked by hand. Statement 1.1 was answered "don't know", 3, 4, 3 and 5: the median of
    # 3, 3, 4, 5 is 3.5; only 4 gave a level (fewer than 5), so no agreement; one of five did
    # not know (20%). Inclusive quartiles of 3, 3, 4, 5: 3 and 4.25, a spread of 1.25 levels,
    # which the page writes to one decimal place, half to even: 1.2.
    shown = summary_list(
        page.locator(
            f"xpath=//h2[@id='statement-{first.statements[0].id}']/following-sibling::dl[1]"
        )
    )
    assert shown == {
        "Median level": "3.5",
        "Agreement": "\N{EN DASH}",
        "Don't know": "20%",
        "Spread of the middle half": "1.2 levels",
        "Answers": "5",
    }
    # Statement 1.3 was answered 2, 2, 5, 3, 4: median 3; mean 16 / 5 = 3.2; squared deviations
    # 1.44, 1.44, 3.24, 0.04, 0.64 sum to 6.8, variance 6.8 / 4 = 1.7, r_wg = 1 - 1.7 / 2 = 0.15;
    # quartiles of 2, 2, 3, 4, 5 are 2 and 4, a spread of 2 levels.
    shown = summary_list(
        page.locator(
            f"xpath=//h2[@id='statement-{first.statements[2].id}']/following-sibling::dl[1]"
        )
    )
    assert shown == {
        "Median level": "3",
        "Agreement": "0.15",
        "Don't know": "0%",
        "Spread of the middle half": "2 levels",
        "Answers": "5",
    }
    commented = first.statements[COMMENTED[1]]
    expect(comments_after(page, commented.id)).to_contain_text("without names or groups")
    expect(page.get_by_text(COMMENT)).to_have_count(1)


def check_where_to_start(page, assessment_url, framework, assert_accessible):
    page.goto(assessment_url + "results/")
    page.get_by_role("link", name="Where to start").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where to start")
    assert_accessible(page)
    statements = [
        (f"{c + 1}.{s + 1}", statement, figures(statement_answers(c, s)))
        for c, component in enumerate(framework.components)
        for s, statement in enumerate(component.statements)
    ]
    statements = [item for item in statements if item[2]["rwg"] is not None]
    ranked = sorted(statements, key=lambda item: (item[2]["rwg"], -(item[2]["q3"] - item[2]["q1"])))
    rows = table_rows(page.get_by_role("table", name="Statements by disagreement, most first"))
    assert len(rows) == 10
    number, statement, expected = ranked[0]
    heading, shown = next(iter(rows.items()))
    assert heading.startswith(f"{number} {statement.text}")
    assert shown == [
        agreement_text(expected["rwg"]),
        spread_text(expected["q3"] - expected["q1"]),
        level_text(expected["median"]),
    ]
    # One group holds everyone, so there is no gap between groups to show.
    expect(page.get_by_text("No gaps between groups to show")).to_be_visible()


def check_groups(page, assessment_url, framework, assert_accessible):
    page.goto(assessment_url + "results/")
    page.get_by_role("link", name="Results by group").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results by group")
    assert_accessible(page)
    for c, component in enumerate(framework.components):
        rows = table_rows(page.get_by_role("table", name=component.title))
        expected = [figures(component_answers(c))["median"]] + [
            figures(statement_answers(c, s))["median"] for s in range(5)
        ]
        # Everyone is in the Board group, which reaches the threshold of 3; nobody answered
        # as front-line staff, so that column is hidden.
        assert [cells for cells in rows.values()] == [
            [level_text(median), "Hidden"] for median in expected
        ], component.title
