"""A live workshop end to end: one facilitator, a shared screen and three phones, two statements.

Phones join by code, vote with one tap, change a vote; the phones and the screen (at a
projector's 1920x1080) follow by the pushed updates of the live channel, served by uvicorn as
in production, and never once fall back to polling; the facilitator reveals (figures checked
against counts worked out by hand), records the consensus, moves on and blanks the screen
with the keys a clicker sends, and runs the second vote with a countdown, a hidden count, a
pause and a re-vote. axe checks the control page, the shared screen and the phone.
"""

import re

import pytest
from playwright.sync_api import expect

from selfassess.accounts.tokens import sign_in_path
from selfassess.assessments import services
from selfassess.assessments.models import ConsensusRating, Participant
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    ParticipantGroupFactory,
    ResponseFactory,
)
from selfassess.organisations.models import Role
from selfassess.workshop import services as live_services
from selfassess.workshop.models import Vote, VoteRound

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "ACDEFGH"


@pytest.fixture
def workshop(member_of):
    """A closed assessment (k = 3) whose survey had four answers to statement a-1."""
    assessment = AssessmentFactory(anonymity_threshold=3, join_code=CODE)
    board = ParticipantGroupFactory(assessment=assessment, name="Board", position=0)
    ParticipantGroupFactory(assessment=assessment, name="Front-line staff", position=1)
    for level in (1, 2, 2, 5):
        participant, _ = Participant.invite(assessment, board)
        ResponseFactory(participant=participant, statement_id="a-1", level=level)
    assessment.transition_to("open")
    facilitator = member_of(assessment.organisation, Role.FACILITATOR)
    services.close_assessment(assessment, actor=facilitator)  # closing releases the survey
    return assessment, facilitator


@pytest.fixture
def contexts(browser):
    made = []

    def make(**options):
        context = browser.new_context(**options)
        made.append(context)
        return context.new_page()

    yield make
    for context in made:
        context.close()


def figures(screen, caption):
    table = screen.get_by_role("table", name=caption)
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


class Requests:
    """Every request the pages watched make, to show which way their updates came."""

    def __init__(self):
        self.seen = []  # (resource type, url)
        self.start = 0

    def watch(self, page):
        page.on("request", lambda request: self.seen.append((request.resource_type, request.url)))

    def mark(self):
        """Count from here on."""
        self.start = len(self.seen)

    def urls(self, kind=None):
        return [url for each, url in self.seen[self.start :] if kind in (None, each)]

    def polled(self):
        return [url for url in self.urls() if url.rstrip("/").endswith("/live")]

    def streamed(self):
        return [url for url in self.urls() if "/stream/" in url]


def on_phone(phone):
    """What the phone shows (not its visually hidden announcement of the same news)."""
    return phone.locator("[data-live-region]")


def vote(phone, label):
    """One tap on the answer; the page then says the vote counted, and which it was."""
    phone.get_by_role("button", name=re.compile(label)).click()
    expect(phone.locator("#own-vote")).to_contain_text("Your vote is counted")


def test_a_live_workshop_on_two_statements(asgi_server, workshop, contexts, assert_accessible):
    assessment, facilitator = workshop
    base = asgi_server.url
    control = contexts(viewport={"width": 1280, "height": 900})
    control.goto(base + sign_in_path(facilitator))
    control.get_by_role("button", name="Sign in", exact=True).click()
    control.goto(f"{base}/assessments/{assessment.pk}/workshop/")
    control.get_by_role("button", name="Start a live session").click()
    expect(control.get_by_role("heading", level=2, name="Statement a-1.")).to_be_visible()
    assert_accessible(control)

    screen = control.context.new_page()
    screen.set_viewport_size({"width": 1920, "height": 1080})
    watched = Requests()
    watched.watch(screen)
    screen.goto(f"{base}/assessments/{assessment.pk}/workshop/screen/")
    expect(screen.get_by_text(CODE, exact=True)).to_be_visible()
    expect(screen.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_accessible(screen)

    phones = []
    for _ in range(3):
        phone = contexts(viewport={"width": 360, "height": 640}, is_mobile=True)
        watched.watch(phone)
        phone.goto(f"{base}/workshop/")
        phone.get_by_label("Join code").fill(CODE.lower())
        phone.get_by_role("button", name="Continue").click()
        phone.get_by_role("radio", name="Board").check()
        phone.get_by_role("button", name="Join", exact=True).click()
        expect(on_phone(phone).get_by_text("has not opened yet")).to_be_visible()
        phones.append(phone)
    assert_accessible(phones[0])
    watched.mark()  # the screen and the phones are open and waiting

    # Statement a-1: votes 2, 3, then 3 changed to 4.
    control.get_by_role("button", name="Open the vote").click()
    for phone in phones:  # pushed to the phones, without a reload by hand
        # On a 360x640 phone the statement and every answer are in view without scrolling.
        expect(phone.get_by_role("heading", name="Statement a-1.")).to_be_in_viewport()
        for answer in ("^1 Not started", "^5 Leading", "^Don't know"):
            expect(phone.get_by_role("button", name=re.compile(answer))).to_be_in_viewport()
    assert_accessible(phones[0])
    vote(phones[0], "^2 Emerging")
    vote(phones[1], "^3 Developing")
    vote(phones[2], "^3 Developing")
    expect(phones[2].get_by_role("button", name=re.compile("^3 Developing"))).to_contain_text(
        "(your vote)"
    )
    vote(phones[2], "^4 Established")
    expect(screen.get_by_text(re.compile("3 people have voted"))).to_be_visible()
    assert Vote.objects.count() == 3

    control.get_by_role("button", name="Reveal the votes").click()
    expect(screen.get_by_role("table", name=re.compile("by level"))).to_be_visible()
    # By hand: votes 2, 3, 4 (n 3, each 33%, median 3); survey 1, 2, 2, 5 (n 4, 25%, 50%, 0%,
    # 0%, 25%, median (2 + 2) / 2 = 2). Board has 3 voters = k, so it is shown (median 3).
    assert figures(screen, "Workshop vote and survey answers by level") == [
        ["1 Not started", "0", "0%", "1", "25%"],
        ["2 Emerging", "1", "33%", "2", "50%"],
        ["3 Developing", "1", "33%", "0", "0%"],
        ["4 Established", "1", "33%", "0", "0%"],
        ["5 Leading", "0", "0%", "1", "25%"],
        ["Don't know", "0", "0%", "0", "0%"],
        ["Total", "3", "", "4", ""],
        ["Median level", "3", "", "2", ""],
    ]
    assert figures(screen, "Workshop vote by group") == [["Board", "3", "3"]]
    assert_accessible(screen)
    # The whole reveal is in view on the projector, and at 320 pixels nothing scrolls sideways.
    expect(screen.get_by_role("row", name=re.compile("^Median level"))).to_be_in_viewport()
    narrow = control.context.new_page()
    narrow.set_viewport_size({"width": 320, "height": 640})
    narrow.goto(screen.url)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    narrow.close()
    expect(on_phone(phones[0]).get_by_text("The votes are on the shared screen")).to_be_visible()

    control.get_by_label("Agreed current level").select_option("3")
    control.get_by_label("Target level for the next 12 months").select_option("4")
    control.get_by_label("Rationale").fill("Good practice in some teams only.")
    control.get_by_role("button", name="Save the agreed position").click()
    expect(control.get_by_text("The agreed position on statement 1.1 is saved.")).to_be_visible()
    assert_accessible(control)

    # The next statement in the discussion order, by the key a clicker sends (Page Down);
    # B blanks the screen and shows it again.
    expect(control.get_by_text("Keys for a clicker and the keyboard")).to_be_visible()
    control.keyboard.press("PageDown")
    heading = control.get_by_role("heading", level=2).first
    expect(heading).not_to_have_text("Statement a-1.")
    second_text = heading.inner_text()
    expect(screen.get_by_role("heading", name=second_text)).to_be_visible()
    control.keyboard.press("b")
    expect(control.get_by_role("button", name="Show the screen again")).to_be_visible()
    expect(screen.get_by_role("heading", name="The screen is blank for now")).to_be_attached()
    expect(screen.get_by_role("heading", name=second_text)).to_have_count(0)
    assert_accessible(screen)
    control.keyboard.press("b")
    expect(screen.get_by_role("heading", name=second_text)).to_be_visible()

    # Everyone votes, with a five-minute countdown and the count hidden from the room; the
    # vote is paused for a moment; one person changes their mind.
    control.get_by_role("button", name="Hide the count on screen").click()
    control.get_by_label("Time limit").select_option(label="5:00")
    control.get_by_role("button", name="Open the vote").click()
    expect(screen.get_by_role("timer")).to_contain_text("Time left")
    for phone in phones:
        expect(phone.get_by_role("heading", name=second_text)).to_be_visible()
        expect(on_phone(phone).get_by_text("Time left")).to_be_visible()
    assert_accessible(screen)
    vote(phones[0], "^5 Leading")
    expect(control.get_by_text(re.compile("1 person has voted"))).to_be_visible()
    expect(screen.get_by_text("Vote on your phone now.")).to_be_visible()
    expect(screen.get_by_text(re.compile("has voted|have voted"))).to_have_count(0)
    control.get_by_role("button", name="Pause voting").click()
    expect(on_phone(phones[1]).get_by_text("Voting is paused.")).to_be_visible()
    control.get_by_role("button", name="Start voting again").click()
    expect(phones[1].get_by_role("button", name=re.compile("^5 Leading"))).to_be_visible()
    vote(phones[1], "^5 Leading")
    vote(phones[2], "^1 Not started")
    vote(phones[2], "Don't know")
    control.get_by_role("button", name="Reveal the votes").click()
    # By hand: 5, 5 and don't know: 3 votes but only 2 gave a level, fewer than k = 3, so
    # the room's votes (and the Board's, which are the same people) are withheld.
    expect(screen.get_by_text(re.compile("The room's votes are not shown"))).to_be_visible()
    rows = figures(screen, "Workshop vote and survey answers by level")
    assert [row[1:3] for row in rows[:7]] == [["\N{EN DASH}", "\N{EN DASH}"]] * 6 + [
        ["\N{EN DASH}", ""]
    ]
    expect(screen.get_by_role("table", name="Workshop vote by group")).to_have_count(0)
    assert_accessible(screen)

    # A second round on the same statement: the first round's votes are kept.
    control.get_by_role("button", name="Vote again").click()
    expect(screen.get_by_text(re.compile("round 2"))).to_be_visible()
    expect(on_phone(phones[0]).get_by_text(re.compile("round 2"))).to_be_visible()
    vote(phones[0], "^4 Established")
    second_rounds = VoteRound.objects.exclude(statement_id="a-1").order_by("number")
    assert [(r.number, r.votes.count()) for r in second_rounds] == [(1, 3), (2, 1)]

    control.get_by_label("Agreed current level").select_option("4")
    control.get_by_label("Target level for the next 12 months").select_option("5")
    control.get_by_label("Rationale").fill("Strong, with evidence from the last audit.")
    control.get_by_label("Evidence (optional)").fill("Audit 2025.")
    control.get_by_role("button", name="Save the agreed position").click()
    expect(control.get_by_text(re.compile("is saved"))).to_be_visible()

    assert sorted(ConsensusRating.objects.values_list("current_level", "target_level")) == [
        (3, 4),
        (4, 5),
    ]
    control.goto(f"{base}/assessments/{assessment.pk}/consensus/")
    expect(control.get_by_text("2 of 5 statements agreed.")).to_be_visible()
    assert_accessible(control)

    # Every change reached the phones and the screen down the streams they opened as they
    # loaded: neither reloaded, reconnected nor polled once.
    assert watched.urls("document") == []
    assert watched.streamed() == []
    assert watched.polled() == []


def test_the_same_workshop_with_javascript_off_everywhere(asgi_server, workshop, contexts):
    """No script on any device: the facilitator's buttons are forms, a phone taps its Refresh
    link to catch up and votes with a plain form post, and the screen refreshes itself."""
    assessment, facilitator = workshop
    base = asgi_server.url
    control = contexts(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    control.goto(base + sign_in_path(facilitator))
    control.get_by_role("button", name="Sign in", exact=True).click()
    control.goto(f"{base}/assessments/{assessment.pk}/workshop/")
    control.get_by_role("button", name="Start a live session").click()
    expect(control.get_by_role("heading", level=2, name="Statement a-1.")).to_be_visible()

    screen = contexts(viewport={"width": 1920, "height": 1080}, java_script_enabled=False)
    screen.context.add_cookies(control.context.cookies())
    watched = Requests()
    watched.watch(screen)
    screen.goto(f"{base}/assessments/{assessment.pk}/workshop/screen/")
    expect(screen.get_by_text(CODE, exact=True)).to_be_visible()

    phones = []
    for _ in range(3):
        phone = contexts(
            viewport={"width": 360, "height": 640}, is_mobile=True, java_script_enabled=False
        )
        watched.watch(phone)
        phone.goto(f"{base}/workshop/{CODE}/")
        phone.get_by_role("radio", name="Board").check()
        phone.get_by_role("button", name="Join", exact=True).click()
        expect(on_phone(phone).get_by_text("has not opened yet")).to_be_visible()
        phones.append(phone)

    control.get_by_role("button", name="Open the vote").click()
    expect(control.get_by_text("Voting is open")).to_be_visible()
    answers = ("^2 Emerging", "^3 Developing", "^3 Developing")
    for phone, answer in zip(phones, answers, strict=True):
        phone.get_by_role("link", name="Refresh this page").click()
        expect(phone.get_by_role("heading", name="Statement a-1.")).to_be_visible()
        phone.get_by_role("button", name=re.compile(answer)).click()
        label = answer.strip("^")
        expect(phone.locator("#own-vote")).to_have_text(
            f"Your vote is counted: {label}. Tap another to change it."
        )
        expect(phone.get_by_role("button", name=re.compile(answer))).to_contain_text("(your vote)")
    # A change of mind is one more plain post; it replaces the vote.
    phones[2].get_by_role("button", name=re.compile("^4 Established")).click()
    expect(phones[2].locator("#own-vote")).to_contain_text("4 Established")
    assert sorted(Vote.objects.values_list("level", flat=True)) == [2, 3, 4]

    control.get_by_role("link", name="Refresh the vote count").click()
    expect(control.get_by_text(re.compile("3 people have voted"))).to_be_visible()
    # The screen reloads itself every few seconds (its noscript refresh).
    expect(screen.get_by_text(re.compile("3 people have voted"))).to_be_visible(timeout=12_000)

    control.get_by_role("button", name="Reveal the votes").click()
    table = screen.get_by_role("table", name="Workshop vote and survey answers by level")
    expect(table).to_be_visible(timeout=12_000)
    # The same figures as with scripts (worked out by hand in the test above).
    assert figures(screen, "Workshop vote and survey answers by level")[-2:] == [
        ["Total", "3", "", "4", ""],
        ["Median level", "3", "", "2", ""],
    ]
    phones[0].get_by_role("link", name="Refresh this page").click()
    expect(on_phone(phones[0]).get_by_text("The votes are on the shared screen")).to_be_visible()
    expect(phones[0].locator("#own-vote")).to_have_text("Your vote was counted.")
    # Nothing but pages and their forms: no stream opened and no poll made.
    assert watched.streamed() == [] and watched.polled() == []


@pytest.mark.parametrize(
    "proxy",
    [
        pytest.param(lambda route: route.fulfill(status=502), id="refused"),
        pytest.param(lambda route: route.abort("connectionreset"), id="cut-off"),
    ],
)
def test_a_phone_whose_network_will_not_hold_a_stream_keeps_up_by_polling(
    asgi_server, workshop, contexts, proxy
):
    """A proxy that refuses the stream (the page is told at once), or cuts it off every time
    (the page gives up after a few seconds): either way the phone asks instead, and the
    vote the facilitator opens reaches it without a reload."""
    assessment, facilitator = workshop
    session = live_services.start_session(assessment, facilitator)
    phone = contexts(viewport={"width": 360, "height": 640}, is_mobile=True)
    phone.route("**/workshop/vote/stream/", proxy)
    watched = Requests()
    watched.watch(phone)
    phone.goto(f"{asgi_server.url}/workshop/{CODE}/")
    phone.get_by_role("radio", name="Board").check()
    phone.get_by_role("button", name="Join", exact=True).click()
    expect(on_phone(phone).get_by_text("has not opened yet")).to_be_visible()
    watched.mark()

    live_services.open_vote(session, None)
    expect(phone.get_by_role("heading", name="Statement a-1.")).to_be_visible(timeout=15_000)
    vote(phone, "^3 Developing")
    assert Vote.objects.get().level == 3
    assert watched.polled(), "the phone kept up by asking"
    assert watched.urls("document") == [], "and never reloaded"
