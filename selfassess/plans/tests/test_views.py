"""The plan's pages: creating from a statement, editing with conflicts, status, notes,
history, the plan's views and filters, suggested priorities and the overview panel."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from selfassess.assessments.models import Participant, Response
from selfassess.plans.models import Action, ActionChange, ActionNote
from selfassess.plans.services import update_action
from selfassess.plans.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def form_data(**changes):
    due = TODAY + datetime.timedelta(days=200)
    data = {
        "title": "Publish the board's three improvement priorities on the intranet",
        "description": "",
        "owner": "Director of Strategy",
        "due_on[day]": str(due.day),
        "due_on[month]": str(due.month),
        "due_on[year]": str(due.year),
        "measure": "Page published; 60% of staff in the pulse survey can name one priority.",
        "horizon": "medium",
        "priority": "high",
        "statement_ids": ["a-1"],
        "component_ids": ["comp-a"],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def url(name, assessment, action=None):
    args = [assessment.pk] if action is None else [assessment.pk, action.pk]
    return reverse(f"plans:{name}", args=args)


# Creating an action -------------------------------------------------------------------------


def test_creating_from_a_statement_prefills_its_agreed_levels_and_gap(facilitator, assessment):
    response = facilitator.get(url("create", assessment) + "?statement=a-1")
    assert response.status_code == 200
    page = response.content.decode()
    assert "statement 1.1: Statement a-1." in page
    assert "Agreed current level: 2 (Emerging)" in page
    assert "Target level: 4 (Established)" in page
    assert "Gap: 2 levels" in page
    form = response.context["form"]
    assert form.initial["statement_ids"] == ["a-1"]
    assert form.initial["component_ids"] == ["comp-a"]
    assert form.initial["priority"] == "high"  # a gap of two levels


def test_the_submit_button_says_what_it_does(facilitator, assessment):
    page = facilitator.get(url("create", assessment)).content.decode()
    assert re.search(r"<button[^>]*>\s*Add the action\s*</button>", page)


def test_creating_from_a_component(facilitator, assessment):
    response = facilitator.get(url("create", assessment) + "?component=comp-b")
    assert "starts from the component Component B" in response.content.decode()
    assert response.context["form"].initial == {"component_ids": ["comp-b"]}


def test_an_unknown_statement_is_reported_and_nothing_prefilled(facilitator, assessment):
    response = facilitator.get(url("create", assessment) + "?statement=zz-9")
    assert response.status_code == 400
    assert "That statement is not part of this assessment" in response.content.decode()
    assert response.context["form"].initial == {}


def test_a_facilitator_adds_an_action_and_it_is_audited(facilitator, assessment):
    response = facilitator.post(url("create", assessment), form_data())
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("action", assessment, action)
    assert action.assessment == assessment
    assert action.statement_ids == ["a-1"]
    assert action.due_on == TODAY + datetime.timedelta(days=200)
    assert action.version == 1
    (change,) = action.changes.all()
    assert change.before == {}
    assert change.after["title"] == action.title
    assert change.after["due_on"] == action.due_on.isoformat()


def test_a_poor_action_is_saved_and_the_checker_advises_on_its_page(facilitator, assessment):
    data = form_data(title="World-class culture", owner="", measure="")
    for part in ("day", "month", "year"):
        data[f"due_on[{part}]"] = ""
    response = facilitator.post(url("create", assessment), data, follow=True)
    action = Action.objects.get()
    assert action.owner == "" and action.due_on is None
    page = response.content.decode()
    assert "Things to check" in page
    assert "Nobody owns this action" in page
    assert "There is no due date" in page
    assert "no measure of success" in page
    assert "“world-class”" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Enter a title that says what will be done"),
        ({"horizon": "forever"}, "Select short, medium or long term"),
        ({"statement_ids": ["zz-9"]}, "Select statements from the list"),
        ({"due_on[month]": "13"}, "Due date must be a real date"),
        ({"due_on[day]": ""}, "Due date must include a day"),
        ({"due_on[year]": "1066"}, "Due date must be between 2000 and 2100"),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(facilitator, assessment, changes, message):
    response = facilitator.post(url("create", assessment), form_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Action.objects.exists()


# Editing and conflicts ----------------------------------------------------------------------


def test_editing_saves_records_the_change_and_bumps_the_version(facilitator, assessment):
    action = ActionFactory(assessment=assessment)
    response = facilitator.post(
        url("edit", assessment, action), form_data(owner="Chief Nurse", version="1")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner == "Chief Nurse"
    assert action.version == 2
    change = action.changes.get()
    assert change.before["owner"] == "Head of Quality Improvement"
    assert change.after["owner"] == "Chief Nurse"
    assert change.before["horizon"] == "short" and change.after["horizon"] == "medium"
    assert "status" not in change.after  # only what changed is recorded


def test_a_stale_save_is_refused_with_a_conflict_message(facilitator, assessment):
    action = ActionFactory(assessment=assessment)
    update_action(action, None, {"owner": "Medical Director"}, 1)  # someone else saves first
    response = facilitator.post(
        url("edit", assessment, action), form_data(owner="Chief Nurse", version="1")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this action while you were editing it" in page
    assert "Medical Director" in page  # what is saved now is shown
    assert response.context["form"]["version"].value() == "2"
    action.refresh_from_db()
    assert action.owner == "Medical Director"
    assert action.changes.count() == 1


def test_saving_again_after_a_conflict_is_deliberate_and_succeeds(facilitator, assessment):
    action = ActionFactory(assessment=assessment)
    update_action(action, None, {"owner": "Medical Director"}, 1)
    response = facilitator.post(
        url("edit", assessment, action), form_data(owner="Chief Nurse", version="2")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.version) == ("Chief Nurse", 3)


def test_the_edit_form_starts_from_the_saved_action(facilitator, assessment):
    action = ActionFactory(assessment=assessment, version=4)
    response = facilitator.get(url("edit", assessment, action))
    form = response.context["form"]
    assert form["title"].value() == action.title
    assert form["version"].value() == 4


# Status, notes and history ------------------------------------------------------------------


def test_changing_the_status_is_audited(facilitator, assessment):
    action = ActionFactory(assessment=assessment)
    response = facilitator.post(url("status", assessment, action), {"status": "done", "version": 1})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.version) == ("done", 2)
    change = action.changes.get()
    assert (change.before, change.after) == ({"status": "not_started"}, {"status": "done"})
    page = facilitator.get(url("action", assessment, action)).content.decode()
    assert "Status: Not started changed to Done" in page


def test_a_stale_status_change_is_refused(facilitator, assessment):
    action = ActionFactory(assessment=assessment)
    update_action(action, None, {"title": "Run the course twice"}, 1)
    response = facilitator.post(
        url("status", assessment, action), {"status": "done", "version": 1}, follow=True
    )
    assert "the status has not been changed" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "not_started"


def test_an_unknown_status_is_explained(facilitator, assessment):
    action = ActionFactory(assessment=assessment)
    response = facilitator.post(url("status", assessment, action), {"status": "x", "version": 1})
    assert response.status_code == 400
    assert "Select not started, in progress, done or stopped" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "not_started" and action.version == 1


def test_progress_notes(facilitator, assessment):
    action = ActionFactory(assessment=assessment)
    response = facilitator.post(
        url("note", assessment, action), {"text": "First course ran with 18 people."}
    )
    assert response.status_code == 302
    assert action.notes.get().text == "First course ran with 18 people."
    page = facilitator.get(url("action", assessment, action)).content.decode()
    assert "First course ran with 18 people." in page

    response = facilitator.post(url("note", assessment, action), {"text": "   "})
    assert response.status_code == 400
    assert "Enter what has happened since the last note" in response.content.decode()
    assert action.notes.count() == 1


def test_the_action_page_shows_the_agreed_levels_of_its_statements(viewer, assessment):
    action = ActionFactory(assessment=assessment, statement_ids=["a-2", "b-2"])
    page = viewer.get(url("action", assessment, action)).content.decode()
    assert "Agreed current level: 3 (Developing)" in page
    assert "Gap: 1 level." in page
    assert "2.2 Statement b-2." in page
    assert "Target: Not agreed." in page


# The plan page ------------------------------------------------------------------------------


@pytest.fixture
def plan(assessment):
    late = TODAY - datetime.timedelta(days=5)
    return {
        "course": ActionFactory(assessment=assessment, status="in_progress"),
        "late": ActionFactory(
            assessment=assessment,
            title="Hold monthly huddles",
            owner="Ward sister",
            due_on=late,
            statement_ids=["b-1"],
            component_ids=[],
        ),
        "done": ActionFactory(
            assessment=assessment,
            title="Appoint two coaches",
            owner="Chief Nurse",
            horizon="long",
            due_on=TODAY + datetime.timedelta(days=500),
            status="done",
            priority="low",
        ),
    }


def titles(response):
    return [row.action.title for _h, rows in response.context["sections"] for row in rows]


def test_the_plan_shows_progress_and_plan_wide_findings(viewer, assessment, plan):
    response = viewer.get(url("plan", assessment))
    assert response.status_code == 200
    progress = response.context["progress"]
    assert (progress.total, progress.done, progress.in_progress, progress.overdue) == (3, 1, 1, 1)
    codes = [f.code for f in response.context["review"].plan]
    assert codes == []  # comp-a and comp-b both have actions; not every action is short term
    page = response.content.decode()
    assert "Add an action" not in page  # viewers read only


def test_a_component_with_a_gap_and_no_action_is_shown_on_the_plan(facilitator, assessment):
    ActionFactory(assessment=assessment, statement_ids=["b-2"], component_ids=[])
    response = facilitator.get(url("plan", assessment))
    codes = [f.code for f in response.context["review"].plan]
    assert codes == ["gap-without-action"]  # component A has gaps (a-1, a-2) and no action
    assert "“Component A” has statements whose agreed target is above" in (
        response.content.decode()
    )


def test_views_by_component_horizon_owner_and_overdue(viewer, assessment, plan):
    by_component = viewer.get(url("plan", assessment) + "?view=component").context["sections"]
    assert [(h, [r.action.title for r in rows]) for h, rows in by_component] == [
        ("Component A", [plan["course"].title, "Appoint two coaches"]),
        ("Component B", ["Hold monthly huddles"]),
    ]
    by_horizon = viewer.get(url("plan", assessment) + "?view=horizon").context["sections"]
    assert [h for h, _rows in by_horizon] == [
        "Short term (0 to 3 months)",
        "Long term (1 to 3 years)",
    ]
    by_owner = viewer.get(url("plan", assessment) + "?view=owner").context["sections"]
    assert [h for h, _rows in by_owner] == [
        "Chief Nurse",
        "Head of Quality Improvement",
        "Ward sister",
    ]
    assert titles(viewer.get(url("plan", assessment) + "?view=overdue")) == ["Hold monthly huddles"]


def test_filters(viewer, assessment, plan):
    base = url("plan", assessment)
    assert titles(viewer.get(base + "?status=done")) == ["Appoint two coaches"]
    assert titles(viewer.get(base + "?priority=low")) == ["Appoint two coaches"]
    assert titles(viewer.get(base + "?component=comp-b")) == ["Hold monthly huddles"]
    assert titles(viewer.get(base + "?owner=Ward+sister&view=horizon")) == ["Hold monthly huddles"]


def test_a_bad_filter_is_reported_and_ignored(viewer, assessment, plan):
    response = viewer.get(url("plan", assessment) + "?status=lost&priority=low")
    assert response.status_code == 400
    assert "Select a status from the list" in response.content.decode()
    assert titles(response) == ["Appoint two coaches"]  # the valid filter still applies


# Suggested priorities and the overview panel ------------------------------------------------


def test_priorities_are_ranked_by_gap(viewer, assessment):
    ActionFactory(assessment=assessment, statement_ids=["a-2"])
    response = viewer.get(url("priorities", assessment))
    priorities = response.context["priorities"]
    assert [(s.statement.id, s.gap, s.action_count) for s in priorities.ranked] == [
        ("a-1", 2, 0),
        ("a-2", 1, 1),
    ]
    assert [s.statement.id for s in priorities.not_agreed] == ["a-3", "b-2"]
    assert priorities.at_target == 1


def test_contested_statements_and_large_group_gaps_are_marked(viewer, assessment):
    """b-2 not agreed: board 5,5,5 and front line 1,1,1 and 3 → widely spread and a gap of
    4 levels between the groups' medians (5 and 1), worked out by hand."""
    assessment.anonymity_threshold = 3
    assessment.save()
    board, front = assessment.groups.all()
    for group, levels in ((board, [5, 5, 5]), (front, [1, 1, 1, 3])):
        for index, level in enumerate(levels):
            participant = Participant.objects.create(
                assessment=assessment, group=group, token_hash=f"{group.pk}-{index}".ljust(64, "0")
            )
            Response.objects.create(participant=participant, statement_id="b-2", level=level)
    response = viewer.get(url("priorities", assessment))
    (b2,) = [s for s in response.context["priorities"].not_agreed if s.statement.id == "b-2"]
    assert b2.contested
    assert b2.group_gap == 4
    assert (b2.higher_group, b2.lower_group) == ("Board", "Front-line staff")
    assert b2.large_group_gap
    page = response.content.decode()
    assert "Contested" in page and "Large group gap" in page


def test_the_overview_panel_shows_plan_progress(viewer, assessment, plan):
    response = viewer.get(reverse("assessments:overview", args=[assessment.pk]))
    page = response.content.decode()
    assert "Development plan" in page
    assert url("plan", assessment) in page
    (panel,) = [ctx for name, ctx in response.context["panels"] if name == "plans/panel.jinja"]
    assert (panel["progress"].done, panel["progress"].in_progress) == (1, 1)
    assert panel["progress"].overdue == 1


def test_models_are_cleaned_up_with_the_assessment(assessment, plan):
    ActionNote.objects.create(action=plan["course"], text="Started.")
    assessment.delete()
    assert not Action.objects.exists()
    assert not ActionChange.objects.exists()
    assert not ActionNote.objects.exists()
