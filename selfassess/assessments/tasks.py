"""The assessment's task list: the whole cycle on one screen, each step with its status and
the next thing to do (the NHS.UK task list pattern).

A facilitator comes back to the overview many times over weeks; the task list tells them
where they are without reading the whole page. Steps follow the cycle: set up, invitations,
answers, results, workshop, plan, report. The list is worked out here (a presenter), so the
template only lays it out and the rules are tested without rendering.

Figures are counts of the facilitator's own records (participants who finished, agreed
positions, actions), never anything about what people answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from .lifecycle import Status

NOT_STARTED, IN_PROGRESS, DONE, CANNOT_START = (
    "Not started",
    "In progress",
    "Completed",
    "Cannot start yet",
)
TAG_CLASSES = {
    NOT_STARTED: "nhsuk-tag--blue",
    IN_PROGRESS: "nhsuk-tag--light-blue",
    CANNOT_START: "nhsuk-tag--grey",
}


@dataclass(frozen=True)
class Task:
    title: str
    status: str
    next_step: str
    href: str | None

    def as_item(self) -> dict:
        """The item as the NHS.UK task list macro takes it."""
        if self.status == DONE:
            status = {"text": DONE}
        else:
            status = {"tag": {"text": self.status, "classes": TAG_CLASSES[self.status]}}
        return {
            "title": {"text": self.title},
            "hint": self.next_step,
            "href": self.href,
            "status": status,
        }


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def task_list(assessment, *, can_run: bool, total, has_answers: bool) -> list[Task]:
    """The seven steps of one cycle, for a facilitator (can_run) or a viewer."""
    pk = assessment.pk
    status = assessment.status
    draft = status == Status.DRAFT
    finished = status in (Status.CLOSED, Status.COMPLETE)
    statement_count = len(assessment.framework.statements())
    agreed = assessment.consensus_ratings.filter(current_level__isnull=False).count()
    action_model = apps.get_model("plans", "Action")
    actions = action_model.objects.filter(assessment=assessment)
    action_count = actions.count()
    done_count = actions.filter(status="done").count()
    tasks = []

    if draft:
        tasks.append(
            Task(
                "Set up the assessment",
                IN_PROGRESS,
                "Check the groups, closing date and introduction, then open it",
                reverse("assessments:edit", args=[pk]) if can_run else None,
            )
        )
    else:
        tasks.append(Task("Set up the assessment", DONE, "Opened for answers", None))

    if total.invited == 0:
        invite = Task(
            "Invite people",
            NOT_STARTED,
            "Make personal links now; emails go once the assessment is open"
            if draft
            else "Invite by email, share personal links or show the join code",
            reverse("assessments:invite" if not draft else "assessments:links_csv", args=[pk])
            if can_run
            else None,
        )
    else:
        invite = Task(
            "Invite people",
            DONE if finished else IN_PROGRESS,
            f"{_plural(total.invited, 'person', 'people')} invited"
            + ("" if finished else "; invite more or send reminders"),
            reverse("assessments:invite" if not draft else "assessments:links_csv", args=[pk])
            if can_run and not finished
            else None,
        )
    tasks.append(invite)

    part_way = total.started - total.completed
    if draft or total.invited == 0:
        answers = Task(
            "Collect answers", CANNOT_START, "Open the assessment and invite people", None
        )
    else:
        answers = Task(
            "Collect answers",
            DONE if finished else (IN_PROGRESS if total.started else NOT_STARTED),
            f"{total.completed} of {total.invited} finished"
            + (f", {part_way} part-way through" if part_way else "")
            + ("" if finished else "; close the assessment when enough have answered"),
            reverse("assessments:participants", args=[pk]) if can_run and not finished else None,
        )
    tasks.append(answers)

    tasks.append(
        Task(
            "Read the results",
            (DONE if finished else IN_PROGRESS) if has_answers else CANNOT_START,
            "See where views differ most, to start the discussion there"
            if has_answers
            else "Results are released when the assessment closes, or at a snapshot you take "
            "while it is open",
            reverse("results:overview", args=[pk]) if has_answers else None,
        )
    )

    if agreed == 0:
        workshop_status = NOT_STARTED if has_answers else CANNOT_START
    else:
        workshop_status = DONE if agreed == statement_count else IN_PROGRESS
    tasks.append(
        Task(
            "Agree positions in a workshop",
            workshop_status,
            f"{agreed} of {statement_count} statements agreed"
            + ("" if agreed == statement_count else "; run a live session or record them"),
            reverse("workshop:control" if can_run else "workshop:summary", args=[pk])
            if has_answers or agreed
            else None,
        )
    )

    if action_count == 0:
        plan = Task(
            "Write the development plan",
            NOT_STARTED if agreed else CANNOT_START,
            "Add actions for the largest gaps between agreed and target levels"
            if agreed
            else "Agree current and target levels first",
            reverse("plans:plan", args=[pk]) if agreed or can_run else None,
        )
    else:
        plan = Task(
            "Write the development plan",
            IN_PROGRESS,
            f"{_plural(action_count, 'action', 'actions')}, {done_count} done",
            reverse("plans:plan", args=[pk]),
        )
    tasks.append(plan)

    tasks.append(
        Task(
            "Share the board report",
            IN_PROGRESS if has_answers else CANNOT_START,
            "Read it on screen or download the PDF for the board"
            if has_answers
            else "The report fills in as answers, positions and actions arrive",
            reverse("reports:board", args=[pk]) if has_answers else None,
        )
    )
    return tasks
