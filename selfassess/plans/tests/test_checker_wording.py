"""The plan checker's wording and measure checks, one category at a time.

Each test pairs weak actions, whose fault a reader can see, with near misses that a good plan
would contain and that must not be flagged (a workshop as a means to a measured end, a report
whose measure is the change it brings). The actions here are not in the corpus, so they also
show the checks working beyond the examples they were written from.
"""

from datetime import date, timedelta

import pytest

from selfassess.plans import measures, wording
from selfassess.plans.checker import ActionDraft, PlanContext, check_action, owner_is_nobody

TODAY = date(2026, 5, 1)
GOOD_MEASURE = "Missed appointments fall from 11% to 7% in the clinics involved."


def action(**fields):
    base = {
        "title": "Send a text reminder two days before each outpatient appointment",
        "owner": "Outpatients Service Manager",
        "due_on": TODAY + timedelta(days=60),
        "horizon": "short",
        "measure": GOOD_MEASURE,
        "planned_on": TODAY,
    }
    return ActionDraft(ref="a", **{**base, **fields})


def codes(draft, context=None):
    return {f.code for f in check_action(draft, TODAY, context)}


def test_the_base_action_is_clean():
    assert codes(action()) == set()


@pytest.mark.parametrize(
    "measure",
    [
        "Teams notice a genuine improvement.",
        "Partners are involved.",
        "Morale is higher.",
        "Completed by 30 September 2026.",
        "TBC",
        "Communication across teams is improved.",
    ],
)
def test_a_measure_with_nothing_to_count_or_see_is_vague(measure):
    assert measures.assess(measure) == measures.VAGUE
    assert "measure-vague" in codes(action(measure=measure))


@pytest.mark.parametrize(
    "measure",
    [
        "Toolkit published on the intranet.",
        "Two briefing sessions held for governors.",
        "Charter signed off by the executive team.",
        "Newsletter goes live in June.",
        "All actions agreed at the committee.",
    ],
)
def test_a_measure_that_counts_only_outputs_is_output_only(measure):
    assert measures.assess(measure) == measures.OUTPUT_ONLY
    assert "measure-output-only" in codes(action(measure=measure))


@pytest.mark.parametrize(
    "measure",
    [
        "35 healthcare assistants trained, and 20 of them test an idea on their ward.",
        "Every clinic shows its waiting times on a board at the entrance.",
        "The share of staff who would recommend the trust rises above the national median.",
        "Two discharge coordinators in post; medically fit patients waiting fall by a third.",
        "Report published, and 70% of wards use its checklist within 3 months.",
        "Each board member makes 3 visits to front-line teams.",
    ],
)
def test_measures_that_can_be_checked_pass(measure):
    assert measures.assess(measure) is None


def test_dates_are_not_quantities():
    left = measures.without_dates("Finished by 31 March 2027, or in Q3 of 2026/27")
    assert not any(c.isdigit() for c in left)
    assert measures.assess("Finished by 31 March 2027.") == measures.VAGUE
    assert measures.assess("Finished by 31 March 2027 for 12 wards.") is None


@pytest.mark.parametrize(
    "title",
    [
        "Draft outline proposals for a staff improvement fund",
        "Write up potential solutions to late theatre starts",
        "Move the huddle to the morning at some point in the summer",
        "Scope the feasibility of a joint training day",
        "Run an improvement week when resources permit",
    ],
)
def test_hedges_are_flagged(title):
    assert "hedge" in codes(action(title=title))


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("Teach the PALS team to log every concern in one system", True),
        ("Put the LOS figures for each ward on the huddle board", True),
        ("Teach the patient advice and liaison service (PALS) to log every concern", False),
        ("Chart SPC limits for the 4-hour standard in A&E", False),  # SPC: glossary; A&E known
        ("Train GPs in the practice to run PDSA cycles", False),  # PDSA: glossary
        ("Report QI projects monthly to the board", False),  # "Quality improvement" → QI
    ],
)
def test_abbreviations_must_be_defined_here_or_in_the_glossary(title, flagged):
    assert ("undefined-abbreviation" in codes(action(title=title))) is flagged


def test_another_frameworks_glossary_defines_other_abbreviations():
    draft = action(title="Publish the AQUA results to every team")
    assert "undefined-abbreviation" in codes(draft)
    context = PlanContext(glossary=("Advancing quality alliance (AQUA)",))
    assert "undefined-abbreviation" not in codes(draft, context)


def test_a_title_in_capitals_is_not_read_as_abbreviations():
    assert wording.undefined_abbreviations("SEND A TEXT REMINDER TO EVERY PATIENT") == []


@pytest.mark.parametrize(
    "title",
    [
        "Drill down into the reasons for late discharges",
        "Spearhead a new approach to rota planning",
        "Circle back with the matrons on the falls figures",
        "Operationalise the new escalation process",
    ],
)
def test_jargon_is_flagged(title):
    assert "jargon" in codes(action(title=title))


@pytest.mark.parametrize(
    ("title", "measure"),
    [
        ("Hold a workshop with consultants to identify barriers to job-planned time", "20 attend."),
        ("Form a steering group to oversee the falls work", "Group meets every month."),
        ("Run an away day for the division to agree next steps on flow", "All leads attend."),
        ("Arrange a meeting with pharmacy to discuss medicines delays", "Meeting held in June."),
    ],
)
def test_process_that_leads_to_more_process_is_flagged(title, measure):
    assert "process-only" in codes(action(title=title, measure=measure))


@pytest.mark.parametrize(
    ("title", "measure"),
    [
        (
            "Hold a workshop with consultants to identify barriers to job-planned time, then "
            "remove the two largest",
            "Consultants with improvement time in their job plan rise from 8 to 30.",
        ),
        ("Meet the 6 ward managers weekly to review their falls charts", GOOD_MEASURE),
        ("Report the discharge figures to the board each month", GOOD_MEASURE),
    ],
)
def test_meetings_workshops_and_reports_as_a_means_pass(title, measure):
    assert codes(action(title=title, measure=measure)) == set()


@pytest.mark.parametrize(
    "title",
    [
        "Ask the regional team to fund a second improvement coach",
        "Request a meeting with the commissioners about the stroke pathway",
        "Open the second discharge lounge subject to capital funding",
        "Wait for the university to confirm the course dates",
        "Extend the coaching scheme once NHS England releases the money",
    ],
)
def test_actions_that_depend_on_someone_outside_are_flagged(title):
    assert "outside-dependence" in codes(action(title=title))


def test_working_with_partners_is_not_depending_on_them():
    draft = action(title="Invite 4 carers from the local carers' group to redesign the leaflet")
    assert codes(draft) == set()
    waits = action(measure="Patients waiting for a follow-up fall from 900 to 600.")
    assert codes(waits) == set()


@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("Open a high-impact discharge hub", "high-impact"),
        ("Buy the very best scanners for radiology", "very best"),
        ("Build a world leading research unit", "world-leading"),
        ("Set up a state of the art simulation suite", "state-of-the-art"),
        ("Run an award-winning leadership course", "award-winning"),
    ],
)
def test_grand_words_in_compound_form_are_flagged(title, word):
    findings = [f for f in check_action(action(title=title), TODAY) if f.code == "grand-words"]
    assert findings and word in findings[0].explanation


@pytest.mark.parametrize(
    ("owner", "nobody"),
    [
        ("TBC", True),
        ("All managers", True),
        ("Senior leadership team", True),
        ("Ward sisters", True),
        ("Chair of the quality committee", False),
        ("Head of Patient Experience and Engagement", False),
        ("Board Secretary", False),
    ],
)
def test_an_owner_must_be_one_person_or_role(owner, nobody):
    assert owner_is_nobody(owner) is nobody
    assert ("owner-not-one" in codes(action(owner=owner))) is nobody


@pytest.mark.parametrize(
    "title",
    [
        "Empower front-line teams to make changes",
        "Nurture a just culture on the wards",
        "Greater visibility of improvement work",
    ],
)
def test_titles_that_name_no_task_are_flagged(title):
    assert "no-verb" in codes(action(title=title))


def test_every_finding_explains_itself_and_its_fix():
    weak = action(
        title="Explore potential high-impact synergies to leverage innovative deep dives",
        owner="TBC",
        measure="Stakeholders engaged.",
    )
    findings = check_action(weak, TODAY)
    assert len(findings) >= 5
    for finding in findings:
        assert finding.explanation.endswith((".", ")")) and len(finding.fix) > 20


@pytest.mark.parametrize(
    "title",
    [
        "Review every potential sepsis case within an hour of arrival",  # a clinical term
        "Ask patient partners to rate the new discharge leaflet",  # partners, not a body
        "Cut pending discharge summaries on the medical wards",  # pending as a state
        "Chart waits for a first outpatient appointment every week",  # waits, a noun
    ],
)
def test_words_with_another_everyday_meaning_are_not_flagged(title):
    assert codes(action(title=title)) == set()
