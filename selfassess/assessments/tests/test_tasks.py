"""The overview's task list: each step's status and next thing to do, from the records."""

import pytest
from django.utils import timezone

from selfassess.assessments.models import ConsensusRating, Response
from selfassess.assessments.presenters import CompletionRow
from selfassess.assessments.tasks import CANNOT_START, DONE, IN_PROGRESS, NOT_STARTED, task_list
from selfassess.assessments.tests.conftest import group
from selfassess.assessments.tests.factories import ParticipantFactory
from selfassess.plans.models import Action

pytestmark = pytest.mark.django_db


def by_title(tasks):
    return {task.title: task for task in tasks}


def test_a_new_draft_has_only_set_up_and_invitations_to_do(assessment):
    total = CompletionRow("All groups", 0, 0, 0)
    tasks = by_title(task_list(assessment, can_run=True, total=total, has_answers=False))
    assert list(tasks) == [
        "Set up the assessment",
        "Invite people",
        "Collect answers",
        "Read the results",
        "Agree positions in a workshop",
        "Write the development plan",
        "Share the board report",
    ]
    assert tasks["Set up the assessment"].status == IN_PROGRESS
    assert tasks["Set up the assessment"].href == f"/assessments/{assessment.pk}/settings/"
    assert tasks["Invite people"].status == NOT_STARTED
    for title in ("Collect answers", "Read the results", "Share the board report"):
        assert tasks[title].status == CANNOT_START
        assert tasks[title].href is None


def test_an_open_assessment_counts_people_positions_and_actions(assessment):
    assessment.transition_to("open")
    board = group(assessment, "Board")
    now = timezone.now()
    # 4 invited: 1 finished, 2 part-way, 1 not started.
    for started, completed in [(now, now), (now, None), (now, None), (None, None)]:
        ParticipantFactory(
            assessment=assessment, group=board, started_at=started, completed_at=completed
        )
    statements = assessment.framework.statements()
    ConsensusRating.objects.create(
        assessment=assessment, statement_id=statements[0].id, current_level=2
    )
    ConsensusRating.objects.create(assessment=assessment, statement_id=statements[1].id)  # no level
    Action.objects.create(assessment=assessment, title="Train coaches", status="done")
    Action.objects.create(assessment=assessment, title="Start huddles")
    total = CompletionRow("All groups", 4, 3, 1)
    tasks = by_title(task_list(assessment, can_run=True, total=total, has_answers=True))
    assert tasks["Set up the assessment"].status == DONE
    assert tasks["Invite people"].next_step == "4 people invited; invite more or send reminders"
    answers = tasks["Collect answers"]
    assert answers.status == IN_PROGRESS
    assert answers.next_step.startswith("1 of 4 finished, 2 part-way through")
    workshop = tasks["Agree positions in a workshop"]
    assert workshop.status == IN_PROGRESS
    assert workshop.next_step.startswith(f"1 of {len(statements)} statements agreed")
    assert tasks["Write the development plan"].next_step == "2 actions, 1 done"
    # A viewer gets the same statuses but no links to the facilitator's pages.
    viewer = by_title(task_list(assessment, can_run=False, total=total, has_answers=True))
    assert viewer["Invite people"].href is None
    assert (
        viewer["Agree positions in a workshop"].href == f"/assessments/{assessment.pk}/consensus/"
    )
    assert Response.objects.count() == 0  # nothing here reads what anyone answered


def test_the_items_fit_the_nhs_task_list_macro(assessment):
    total = CompletionRow("All groups", 0, 0, 0)
    items = [
        t.as_item() for t in task_list(assessment, can_run=True, total=total, has_answers=False)
    ]
    assert items[0]["status"] == {"tag": {"text": IN_PROGRESS, "classes": "nhsuk-tag--light-blue"}}
    assert all(item["title"]["text"] and item["hint"] for item in items)
